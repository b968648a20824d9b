import { useEffect, useState } from 'react';
import { ApprovalPolicyBody, EditorialLineBody, Member } from '@sillage/contracts';
import { defaultEditorialLine, roles, type EditorialLine, type Role } from '@sillage/domain';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { roleKey } from '../members/role-labels.ts';
import { useWorkspace } from '../workspaces/workspace-context.tsx';

type Policy = z.infer<typeof ApprovalPolicyBody>;
type Step = Policy['steps'][number];

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** `settings/approvals`: the approval chain and the editorial line the approvals enforce. */
export function ApprovalSettingsPage() {
  const { t } = useI18n();
  const { workspace, can } = useWorkspace();
  const toast = useToast();
  const policy = useResource(`approval-policy:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'approval-policy'), ApprovalPolicyBody, { signal }),
  );
  const line = useResource(`editorial-line:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'editorial-line'), EditorialLineBody.nullable(), { signal }),
  );
  const members = useResource(`members:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'members'), Member.array(), { signal }),
  );
  const [draft, setDraft] = useState<Policy | null>(null);
  const [banned, setBanned] = useState('');
  const [sponsoredFr, setSponsoredFr] = useState('');
  const [sponsoredEn, setSponsoredEn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayEditPolicy = can('workspace.update');
  const mayEditLine = can('strategy.write');

  useEffect(() => {
    if (policy.data && !draft) setDraft(policy.data);
  }, [policy.data, draft]);
  useEffect(() => {
    if (line.data === undefined) return;
    const current = line.data ?? defaultEditorialLine(workspace.locale);
    setBanned(current.bannedTerms.map((term) => `${term.term}${term.severity === 'warn' ? ' | warn' : ''}`).join('\n'));
    setSponsoredFr(current.mandatoryMentions.sponsored.fr.join('\n'));
    setSponsoredEn(current.mandatoryMentions.sponsored.en.join('\n'));
  }, [line.data, workspace.locale]);

  if (policy.error || line.error) return <LoadFailure error={policy.error ?? line.error} />;
  if (!draft || line.data === undefined) return <LoadingBlock />;

  const setStep = (index: number, change: Partial<Step>) =>
    setDraft({ ...draft, steps: draft.steps.map((step, i) => (i === index ? { ...step, ...change } : step)) });

  async function savePolicy() {
    setBusy(true);
    setError(null);
    try {
      const saved = await api.put(workspacePath(workspace.id, 'approval-policy'), ApprovalPolicyBody, draft);
      setDraft(saved);
      toast.show(t('approvals.settings.saved'));
    } catch (failure) {
      setError(describeApiError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  async function saveLine() {
    setBusy(true);
    setError(null);
    try {
      const base = (line.data as EditorialLine | null) ?? defaultEditorialLine(workspace.locale);
      const next: EditorialLine = {
        ...base,
        bannedTerms: lines(banned).map((entry) => {
          const [term = '', severity] = entry.split('|').map((part) => part.trim());
          return { term, severity: severity === 'warn' ? 'warn' : 'block' };
        }),
        mandatoryMentions: {
          ...base.mandatoryMentions,
          sponsored: { fr: lines(sponsoredFr), en: lines(sponsoredEn) },
        },
      };
      const saved = await api.put(workspacePath(workspace.id, 'editorial-line'), EditorialLineBody, next);
      line.setData(() => saved);
      toast.show(t('approvals.settings.lineSaved'));
    } catch (failure) {
      setError(describeApiError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('approvals.settings.title')}</h1>
        <p className="lead">{t('approvals.settings.intro')}</p>
      </header>
      {error && <Alert tone="error">{error}</Alert>}
      <fieldset className="form" disabled={!mayEditPolicy}>
        <legend className="section-title">{t('approvals.settings.chain')}</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })}
          />{' '}
          {t('approvals.settings.enabled')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.reapproveOnEdit}
            onChange={(event) => setDraft({ ...draft, reapproveOnEdit: event.target.checked })}
          />{' '}
          {t('approvals.settings.reapprove')}
        </label>
        {draft.steps.map((step, index) => (
          <fieldset key={index} className="approval-step">
            <legend>{t('approvals.settings.stepN', { n: index + 1 })}</legend>
            <TextField
              label={t('approvals.settings.stepName')}
              value={step.name}
              onChange={(name) => setStep(index, { name })}
            />
            <label className="field">
              <span className="field__label">{t('approvals.settings.mode')}</span>
              <select
                className="select"
                value={step.mode}
                onChange={(event) => setStep(index, { mode: event.target.value as Step['mode'] })}
              >
                <option value="any">{t('approvals.settings.modeAny')}</option>
                <option value="all">{t('approvals.settings.modeAll')}</option>
              </select>
            </label>
            <fieldset className="checkbox-group">
              <legend>{t('approvals.settings.approvers')}</legend>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={step.client}
                  onChange={(event) => setStep(index, { client: event.target.checked })}
                />{' '}
                {t('approvals.settings.client')}
              </label>
              {roles.map((role: Role) => (
                <label key={role} className="checkbox">
                  <input
                    type="checkbox"
                    checked={step.roles.includes(role)}
                    onChange={(event) =>
                      setStep(index, {
                        roles: event.target.checked ? [...step.roles, role] : step.roles.filter((r) => r !== role),
                      })
                    }
                  />{' '}
                  {t(roleKey(role))}
                </label>
              ))}
              {(members.data ?? []).map((member) => (
                <label key={member.userId} className="checkbox">
                  <input
                    type="checkbox"
                    checked={step.userIds.includes(member.userId)}
                    onChange={(event) =>
                      setStep(index, {
                        userIds: event.target.checked
                          ? [...step.userIds, member.userId]
                          : step.userIds.filter((id) => id !== member.userId),
                      })
                    }
                  />{' '}
                  {member.name}
                </label>
              ))}
            </fieldset>
            <Button
              variant="ghost"
              onClick={() => setDraft({ ...draft, steps: draft.steps.filter((_, i) => i !== index) })}
            >
              {t('approvals.settings.removeStep')}
            </Button>
          </fieldset>
        ))}
        <div className="row-actions">
          <Button
            onClick={() =>
              setDraft({
                ...draft,
                steps: [
                  ...draft.steps,
                  { name: t('approvals.settings.newStep'), mode: 'any', userIds: [], roles: [], client: false },
                ],
              })
            }
            disabled={draft.steps.length >= 5}
          >
            {t('approvals.settings.addStep')}
          </Button>
          <Button variant="primary" busy={busy} onClick={() => void savePolicy()}>
            {t('approvals.settings.save')}
          </Button>
        </div>
      </fieldset>

      <fieldset className="form" disabled={!mayEditLine}>
        <legend className="section-title">{t('approvals.settings.line')}</legend>
        <p>{t('approvals.settings.lineIntro')}</p>
        <label className="field">
          <span className="field__label">{t('approvals.settings.banned')}</span>
          <span className="field__hint">{t('approvals.settings.bannedHint')}</span>
          <textarea className="input" rows={5} value={banned} onChange={(event) => setBanned(event.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('approvals.settings.sponsoredFr')}</span>
          <textarea
            className="input"
            rows={3}
            value={sponsoredFr}
            onChange={(event) => setSponsoredFr(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('approvals.settings.sponsoredEn')}</span>
          <textarea
            className="input"
            rows={3}
            value={sponsoredEn}
            onChange={(event) => setSponsoredEn(event.target.value)}
          />
        </label>
        <Button variant="primary" busy={busy} onClick={() => void saveLine()}>
          {t('approvals.settings.saveLine')}
        </Button>
      </fieldset>
    </section>
  );
}
