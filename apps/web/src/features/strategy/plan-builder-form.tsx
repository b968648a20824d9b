import { useState, type FormEvent } from 'react';
import {
  businessSizes,
  businessTypes,
  contentLanguages,
  currencyFractionDigits,
  networkIds,
  planText,
  plannableObjectives,
  type BusinessSize,
  type BusinessType,
  type ContentLanguage,
  type NetworkId,
  type PlanAnswers,
  type PlannableObjective,
} from '@sillage/domain';
import { PlanVersionView } from '@sillage/contracts';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { planIssues } from './plan-errors.ts';

export type PlanVersion = z.infer<typeof PlanVersionView>;

type Errors = Partial<Record<'budget' | 'currency' | 'objectives' | 'form', string>>;

/** A monthly amount in major units ("5000", "5 000,50") to minor units; undefined if it is not one. */
export function toMinorUnits(value: string, currency: string): number | undefined {
  const digits = currencyFractionDigits(currency);
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(value.replace(/[\s_\u202f\u00a0]/g, ''));
  if (!match || (match[2] ?? '').length > digits) return undefined;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || '0');
}

function validCurrency(currency: string): boolean {
  try {
    currencyFractionDigits(currency);
    return true;
  } catch {
    return false;
  }
}

/** The guided builder: a few answers, and the server writes the plan as the next version. */
export function PlanBuilderForm(props: {
  workspaceId: string;
  initial?: PlanAnswers | undefined;
  defaultLanguage: ContentLanguage;
  onGenerated: (version: PlanVersion) => void;
  onCancel?: (() => void) | undefined;
}) {
  const { t, locale } = useI18n();
  const words = planText(locale);
  const initial = props.initial;
  const [businessType, setBusinessType] = useState<BusinessType>(initial?.businessType ?? 'ecommerce');
  const [size, setSize] = useState<BusinessSize>(initial?.size ?? 'sme');
  const [currency, setCurrency] = useState(initial?.monthlyBudget.currency ?? 'EUR');
  const [budget, setBudget] = useState(
    initial
      ? String(initial.monthlyBudget.amountMinor / 10 ** currencyFractionDigits(initial.monthlyBudget.currency))
      : '',
  );
  const [objectives, setObjectives] = useState<PlannableObjective[]>(initial?.objectives ?? []);
  const [channelsUsed, setChannelsUsed] = useState<NetworkId[]>(initial?.channelsUsed ?? []);
  const [language, setLanguage] = useState<ContentLanguage>(initial?.language ?? props.defaultLanguage);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const code = currency.trim().toUpperCase();
    const found: Errors = {};
    if (!validCurrency(code)) found.currency = t('strategy.builder.currencyInvalid');
    const amountMinor = validCurrency(code) ? toMinorUnits(budget, code) : undefined;
    if (amountMinor === undefined || amountMinor <= 0) found.budget = t('strategy.builder.budgetInvalid');
    if (objectives.length === 0) found.objectives = t('strategy.builder.objectivesRequired');
    setErrors(found);
    if (Object.keys(found).length > 0 || amountMinor === undefined) return;
    setBusy(true);
    try {
      const answers = {
        businessType,
        size,
        objectives: plannableObjectives.filter((objective) => objectives.includes(objective)),
        monthlyBudget: { amountMinor, currency: code },
        channelsUsed: networkIds.filter((network) => channelsUsed.includes(network)),
        language,
      };
      const created = await api.post(workspacePath(props.workspaceId, 'strategy', 'plan'), PlanVersionView, {
        answers,
      });
      props.onGenerated(created);
    } catch (failure) {
      const issues = planIssues(failure, t);
      const about = (prefix: string) =>
        issues.find((issue) => issue.path.replace(/^answers\./, '').startsWith(prefix))?.text;
      setErrors({
        budget: about('monthlyBudget.amountMinor'),
        currency: about('monthlyBudget.currency'),
        objectives: about('objectives'),
        form: describeApiError(failure, t),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form plan-builder" onSubmit={submit} noValidate aria-label={t('strategy.builder.title')}>
      <h2 className="section-title">{t('strategy.builder.title')}</h2>
      <p className="lead">{t('strategy.builder.intro')}</p>
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      <div className="plan-builder__row">
        <SelectField
          label={t('strategy.builder.businessType')}
          value={businessType}
          options={businessTypes.map((value) => ({ value, label: words.businessTypes[value] }))}
          onChange={setBusinessType}
        />
        <SelectField
          label={t('strategy.builder.size')}
          value={size}
          options={businessSizes.map((value) => ({ value, label: words.sizes[value] }))}
          onChange={setSize}
        />
      </div>
      <div className="plan-builder__row">
        <TextField
          label={t('strategy.builder.budget')}
          hint={t('strategy.builder.budgetHint')}
          inputMode="decimal"
          value={budget}
          onChange={setBudget}
          error={errors.budget}
        />
        <TextField
          label={t('strategy.builder.currency')}
          value={currency}
          maxLength={3}
          onChange={(value) => setCurrency(value.toUpperCase())}
          error={errors.currency}
        />
        <SelectField
          label={t('strategy.builder.language')}
          value={language}
          options={contentLanguages.map((value) => ({ value, label: words.languages[value] }))}
          onChange={setLanguage}
        />
      </div>
      <fieldset className="checkbox-group" aria-invalid={errors.objectives ? true : undefined}>
        <legend className="field__label">{t('strategy.builder.objectives')}</legend>
        {plannableObjectives.map((objective) => (
          <label key={objective} className="checkbox">
            <input
              type="checkbox"
              checked={objectives.includes(objective)}
              onChange={(event) => setObjectives(toggle(objectives, objective, event.target.checked))}
            />{' '}
            {words.objectives[objective]}
          </label>
        ))}
        {errors.objectives && (
          <p className="field__error" role="alert">
            {errors.objectives}
          </p>
        )}
      </fieldset>
      <fieldset className="checkbox-group plan-builder__channels">
        <legend className="field__label">{t('strategy.builder.channelsUsed')}</legend>
        {networkIds.map((network) => (
          <label key={network} className="checkbox">
            <input
              type="checkbox"
              checked={channelsUsed.includes(network)}
              onChange={(event) => setChannelsUsed(toggle(channelsUsed, network, event.target.checked))}
            />{' '}
            {words.networks[network]}
          </label>
        ))}
      </fieldset>
      <div className="plan-actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('strategy.builder.generate')}
        </Button>
        {props.onCancel && <Button onClick={props.onCancel}>{t('common.cancel')}</Button>}
      </div>
    </form>
  );
}
