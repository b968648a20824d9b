import { useId, useState } from 'react';
import {
  buildPlan,
  currencyFractionDigits,
  kpiDefinitions,
  networkIds,
  planText,
  splitMoney,
  type KpiId,
  type KpiTarget,
  type NetworkId,
  type Plan,
} from '@sillage/domain';
import { PlanVersionView } from '@sillage/contracts';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/text-field.tsx';
import type { PlanVersion } from './plan-builder-form.tsx';
import { planIssues, type PlanIssue } from './plan-errors.ts';

/** How a stored value shows in an input: ratios as percentages, money in major units. */
function scaleOf(kpi: KpiId | 'change', currency: string): number {
  if (kpi === 'change') return 100;
  switch (kpiDefinitions[kpi].unit) {
    case 'ratio':
      return 100;
    case 'money':
      return 1 / 10 ** currencyFractionDigits(currency);
    default:
      return 1;
  }
}

const toStored = (display: number, scale: number) =>
  scale === 1 ? display : scale > 1 ? Number((display / scale).toFixed(8)) : Math.round(display / scale);
const toDisplay = (stored: number, scale: number) => String(Number((stored * scale).toFixed(6)));

/** A number input that keeps what is typed and reports a number once it is one. */
function NumberInput(props: {
  label: string;
  value: number;
  scale: number;
  suffix?: string;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
}) {
  const id = useId();
  const [text, setText] = useState(toDisplay(props.value, props.scale));
  return (
    <div className="plan-number">
      <label className="plan-number__label" htmlFor={id}>
        {props.label}
      </label>
      <span className="plan-number__control">
        <input
          id={id}
          className="input input--number"
          type="number"
          inputMode="decimal"
          value={text}
          min={props.min}
          max={props.max}
          step={props.step ?? 'any'}
          onChange={(event) => {
            setText(event.target.value);
            const parsed = Number(event.target.value.replace(',', '.'));
            if (event.target.value.trim() !== '' && Number.isFinite(parsed))
              props.onChange(toStored(parsed, props.scale));
          }}
        />
        {props.suffix && <span className="plan-number__suffix">{props.suffix}</span>}
      </span>
    </div>
  );
}

function TargetInputs(props: {
  kpi: KpiId;
  label: string;
  target: KpiTarget;
  currency: string;
  onChange: (target: KpiTarget) => void;
}) {
  const { t } = useI18n();
  const { kpi, target, currency } = props;
  const scale = scaleOf(kpi, currency);
  const unit = kpiDefinitions[kpi].unit;
  const suffix = unit === 'ratio' ? '%' : unit === 'money' ? currency : unit === 'minutes' ? 'min' : undefined;
  switch (target.kind) {
    case 'between':
      return (
        <div className="plan-editor__target">
          <NumberInput
            label={t('strategy.editor.min', { kpi: props.label })}
            value={target.min}
            scale={scale}
            suffix={suffix}
            onChange={(min) => props.onChange({ ...target, min })}
          />
          <NumberInput
            label={t('strategy.editor.max', { kpi: props.label })}
            value={target.max}
            scale={scale}
            suffix={suffix}
            onChange={(max) => props.onChange({ ...target, max })}
          />
        </div>
      );
    case 'at_least':
    case 'at_most':
      return (
        <NumberInput
          label={t(target.kind === 'at_least' ? 'strategy.editor.atLeast' : 'strategy.editor.atMost', {
            kpi: props.label,
          })}
          value={target.value}
          scale={scale}
          suffix={suffix}
          onChange={(value) => props.onChange({ ...target, value })}
        />
      );
    case 'improve_on_baseline':
      return (
        <NumberInput
          label={t('strategy.editor.improve', { kpi: props.label })}
          value={target.change}
          scale={100}
          suffix="%"
          onChange={(change) => props.onChange({ ...target, change })}
        />
      );
    case 'to_set':
      return <p className="plan-editor__note">{t('strategy.editor.toSet', { kpi: props.label })}</p>;
  }
}

/**
 * Edits the plan: the budget split, the KPI targets, the channels (remove, add, posts per week); saving sends
 * the whole plan, which the server checks and stores as the next version.
 */
export function PlanEditor(props: {
  workspaceId: string;
  version: PlanVersion;
  onSaved: (version: PlanVersion) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const words = planText(locale);
  const [plan, setPlan] = useState<Plan>(() => structuredClone(props.version.plan) as Plan);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<PlanIssue[]>([]);
  const [adding, setAdding] = useState<NetworkId | ''>('');
  const currency = plan.budget.monthly.currency;
  const money = (amountMinor: number) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
      amountMinor / 10 ** currencyFractionDigits(currency),
    );

  const advertising = plan.budget.lines.find((line) => line.category === 'advertising')?.percent ?? 0;
  const setAdvertising = (percent: number) =>
    setPlan((current) => {
      const clamped = Math.min(100, Math.max(0, Math.round(percent)));
      const parts = splitMoney(current.budget.monthly, [100 - clamped, clamped]);
      return {
        ...current,
        budget: {
          ...current.budget,
          lines: current.budget.lines.map((line) =>
            line.category === 'advertising'
              ? { ...line, percent: clamped, amount: parts[1]! }
              : { ...line, percent: 100 - clamped, amount: parts[0]! },
          ),
        },
      };
    });

  const setTarget = (objectiveIndex: number, kpiIndex: number, target: KpiTarget) =>
    setPlan((current) => ({
      ...current,
      objectives: current.objectives.map((objective, i) =>
        i !== objectiveIndex
          ? objective
          : { ...objective, kpis: objective.kpis.map((kpi, j) => (j === kpiIndex ? { ...kpi, target } : kpi)) },
      ),
    }));

  const setPostsPerWeek = (network: NetworkId, formatIndex: number, postsPerWeek: number) =>
    setPlan((current) => ({
      ...current,
      channels: current.channels.map((channel) => {
        if (channel.network !== network) return channel;
        const formats = channel.formats.map((format, i) =>
          i === formatIndex ? { ...format, postsPerWeek: Math.max(0, Math.round(postsPerWeek)) } : format,
        );
        return { ...channel, formats, postsPerWeek: formats.reduce((sum, format) => sum + format.postsPerWeek, 0) };
      }),
    }));

  const removeChannel = (network: NetworkId) =>
    setPlan((current) => ({ ...current, channels: current.channels.filter((channel) => channel.network !== network) }));

  /** A channel's recommended roles and formats come from the builder, as if the account were already used. */
  const addChannel = (network: NetworkId) => {
    const built = buildPlan({ ...plan.answers, channelsUsed: [...plan.answers.channelsUsed, network] });
    const channel = built.channels.find((entry) => entry.network === network);
    if (!channel) return;
    setPlan((current) => ({
      ...current,
      channels: [...current.channels, { ...channel, alreadyUsed: current.answers.channelsUsed.includes(network) }],
    }));
    setAdding('');
  };

  async function save() {
    setBusy(true);
    setError(null);
    setIssues([]);
    try {
      const saved = await api.post(workspacePath(props.workspaceId, 'strategy', 'plan', 'versions'), PlanVersionView, {
        plan,
        basedOn: props.version.version,
        note,
      });
      props.onSaved(saved);
    } catch (failure) {
      setError(describeApiError(failure, t));
      setIssues(planIssues(failure, t));
    } finally {
      setBusy(false);
    }
  }

  const missing = networkIds.filter((network) => !plan.channels.some((channel) => channel.network === network));
  return (
    <section className="card plan-editor" aria-label={t('strategy.editor.title', { version: props.version.version })}>
      <h2 className="section-title">{t('strategy.editor.title', { version: props.version.version })}</h2>
      {error && (
        <Alert tone="error">
          <p>{error}</p>
          {issues.length > 0 && (
            <ul>
              {issues.map((issue) => (
                <li key={`${issue.path}:${issue.text}`}>
                  <code>{issue.path}</code> {issue.text}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}

      <fieldset className="fieldset">
        <legend className="field__label">{words.sections.budget}</legend>
        <div className="plan-editor__budget">
          <NumberInput
            label={words.budgetCategories.advertising}
            value={advertising}
            scale={1}
            suffix="%"
            min={0}
            max={100}
            step={1}
            onChange={setAdvertising}
          />
          <p className="plan-editor__split" data-testid="budget-split-preview">
            {plan.budget.lines
              .map(
                (line) =>
                  `${words.budgetCategories[line.category]}: ${line.percent}% (${money(line.amount.amountMinor)})`,
              )
              .join(' · ')}
          </p>
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend className="field__label">{words.sections.objectives}</legend>
        {plan.objectives.map((objective, objectiveIndex) => (
          <div key={`${objective.kind}:${objective.label ?? ''}`} className="plan-editor__objective">
            <h3 className="plan-doc__heading">{objective.label ?? words.objectives[objective.kind]}</h3>
            {objective.kpis.map((kpi, kpiIndex) => (
              <TargetInputs
                key={kpi.kpi}
                kpi={kpi.kpi}
                label={words.kpis[kpi.kpi]}
                target={kpi.target}
                currency={currency}
                onChange={(target) => setTarget(objectiveIndex, kpiIndex, target)}
              />
            ))}
          </div>
        ))}
      </fieldset>

      <fieldset className="fieldset">
        <legend className="field__label">{words.sections.channels}</legend>
        <ul className="plan-editor__channels">
          {plan.channels.map((channel) => (
            <li key={channel.network} className="plan-editor__channel" data-network={channel.network}>
              <div className="plan-editor__channel-head">
                <strong>{words.networks[channel.network]}</strong>
                <Button
                  variant="ghost"
                  onClick={() => removeChannel(channel.network)}
                  aria-label={t('strategy.editor.removeChannel', { channel: words.networks[channel.network] })}
                >
                  {t('strategy.editor.remove')}
                </Button>
              </div>
              {channel.formats.map((format, formatIndex) => (
                <NumberInput
                  key={`${format.format}:${format.content}`}
                  label={t('strategy.editor.postsPerWeek', {
                    format: `${words.formats[format.format]} — ${words.contents[format.content]}`,
                  })}
                  value={format.postsPerWeek}
                  scale={1}
                  min={0}
                  step={1}
                  onChange={(value) => setPostsPerWeek(channel.network, formatIndex, value)}
                />
              ))}
            </li>
          ))}
        </ul>
        {missing.length > 0 && (
          <div className="form--inline plan-editor__add">
            <label className="field">
              <span className="field__label">{t('strategy.editor.addChannel')}</span>
              <select
                className="select"
                value={adding}
                onChange={(event) => setAdding(event.target.value as NetworkId | '')}
              >
                <option value="">{t('strategy.editor.chooseChannel')}</option>
                {missing.map((network) => (
                  <option key={network} value={network}>
                    {words.networks[network]}
                  </option>
                ))}
              </select>
            </label>
            <Button disabled={adding === ''} onClick={() => adding !== '' && addChannel(adding)}>
              {t('strategy.editor.add')}
            </Button>
          </div>
        )}
      </fieldset>

      <TextField label={t('strategy.editor.note')} value={note} maxLength={500} onChange={setNote} />
      <div className="plan-actions">
        <Button variant="primary" busy={busy} onClick={() => void save()}>
          {t('strategy.editor.save')}
        </Button>
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
      </div>
    </section>
  );
}
