import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Channel,
  CrisisRoomView,
  fillTemplate,
  holdingStatementTemplates,
  type StatementView,
} from '@sillage/contracts';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/button.tsx';
import { Field } from '../../ui/field.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { networkName } from '../channels/networks.ts';
import { useWorkspace } from '../workspaces/workspace-context.tsx';

type Room = z.infer<typeof CrisisRoomView>;

const statusKeys: Record<StatementView['status'], MessageKey> = {
  draft: 'crisis.statement.status.draft',
  submitted: 'crisis.statement.status.submitted',
  approved: 'crisis.statement.status.approved',
  rejected: 'crisis.statement.status.rejected',
  published: 'crisis.statement.status.published',
};
const templateKeys: Record<string, MessageKey> = {
  acknowledge: 'crisis.statement.template.acknowledge',
  apology: 'crisis.statement.template.apology',
};

/** Holding statements: write one from a template, submit it, approve or reject it, publish it now. */
export function StatementsPanel({ room, onChange }: { room: Room; onChange: (room: Room) => void }) {
  const { t, locale } = useI18n();
  const { workspace, can } = useWorkspace();
  const toast = useToast();
  const path = (...segments: string[]) => workspacePath(workspace.id, 'crises', room.crisis.id, ...segments);
  const channels = useResource(`channels:${workspace.id}`, (signal) =>
    api.get(workspacePath(workspace.id, 'channels'), Channel.array(), { signal }),
  );
  const [language, setLanguage] = useState<'fr' | 'en'>(locale);
  const [templateId, setTemplateId] = useState('acknowledge');
  const [values, setValues] = useState({ brand: workspace.name, issue: '', nextUpdate: '' });
  const [edited, setEdited] = useState<string | null>(null);
  const [channelIds, setChannelIds] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const template = holdingStatementTemplates.find((item) => item.id === templateId && item.language === language);
  const text = edited ?? fillTemplate(template?.text ?? '', values);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const open = room.crisis.status === 'open';

  async function act(key: string, call: () => Promise<Room>, after?: () => void) {
    setBusy(key);
    try {
      onChange(await call());
      after?.();
    } catch (error) {
      toast.show(describeApiError(error, t), 'error');
    } finally {
      setBusy(null);
    }
  }

  const channelName = (id: string) => {
    const channel = channels.data?.find((item) => item.id === id);
    return channel ? `${networkName(channel.network)} — ${channel.name}` : id.slice(0, 8);
  };

  return (
    <section aria-labelledby="crisis-statements" className="crisis__statements">
      <h2 id="crisis-statements">{t('crisis.statements')}</h2>
      {room.statements.length === 0 ? <p className="muted">{t('crisis.statement.none')}</p> : null}
      <ul className="crisis__statement-list" data-testid="crisis-statements">
        {room.statements.map((statement) => (
          <li key={statement.id} className="crisis__statement">
            <p>
              <strong>{t(statusKeys[statement.status])}</strong> · {statement.language.toUpperCase()} ·{' '}
              {statement.channelIds.map(channelName).join(', ')}
            </p>
            <blockquote>{statement.text}</blockquote>
            {statement.decidedAt ? (
              <p className="muted">
                {t('crisis.statement.decided', {
                  status: t(statusKeys[statement.status === 'rejected' ? 'rejected' : 'approved']),
                  name: statement.decidedByName ?? '—',
                  at: when.format(new Date(statement.decidedAt)),
                })}
                {statement.decisionComment ? ` — ${statement.decisionComment}` : ''}
              </p>
            ) : null}
            {statement.throughApprovalChain && statement.postId ? (
              <p className="muted">
                <Link to={`/w/${workspace.id}/posts/${statement.postId}/approval`}>{t('crisis.statement.chain')}</Link>
              </p>
            ) : null}
            {open && statement.status === 'draft' && can('crisis.manage') ? (
              <Button
                busy={busy === `submit:${statement.id}`}
                onClick={() =>
                  void act(`submit:${statement.id}`, () =>
                    api.post(path('statements', statement.id, 'submit'), CrisisRoomView),
                  )
                }
              >
                {t('crisis.statement.submit')}
              </Button>
            ) : null}
            {open && statement.status === 'submitted' && can('content.approve') ? (
              <div className="crisis__decision">
                <Button
                  variant="primary"
                  busy={busy === `approve:${statement.id}`}
                  onClick={() =>
                    void act(`approve:${statement.id}`, () =>
                      api.post(path('statements', statement.id, 'decision'), CrisisRoomView, { decision: 'approve' }),
                    )
                  }
                >
                  {t('crisis.statement.approve')}
                </Button>
                <TextField
                  label={t('crisis.statement.rejectReason')}
                  value={reasons[statement.id] ?? ''}
                  onChange={(value) => setReasons({ ...reasons, [statement.id]: value })}
                />
                <Button
                  variant="danger"
                  busy={busy === `reject:${statement.id}`}
                  onClick={() =>
                    void act(`reject:${statement.id}`, () =>
                      api.post(path('statements', statement.id, 'decision'), CrisisRoomView, {
                        decision: 'reject',
                        comment: reasons[statement.id] ?? '',
                      }),
                    )
                  }
                >
                  {t('crisis.statement.reject')}
                </Button>
              </div>
            ) : null}
            {open && statement.status === 'approved' && can('content.publish') ? (
              <Button
                variant="primary"
                busy={busy === `publish:${statement.id}`}
                onClick={() =>
                  void act(`publish:${statement.id}`, () =>
                    api.post(path('statements', statement.id, 'publish'), CrisisRoomView),
                  )
                }
              >
                {t('crisis.statement.publish')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>

      {open && can('crisis.manage') ? (
        <form
          className="crisis__statement-form"
          onSubmit={(event) => {
            event.preventDefault();
            void act(
              'draft',
              () => api.post(path('statements'), CrisisRoomView, { language, text, channelIds }),
              () => setEdited(null),
            );
          }}
        >
          <SelectField
            label={t('crisis.statement.language')}
            value={language}
            options={[
              { value: 'fr', label: 'Français' },
              { value: 'en', label: 'English' },
            ]}
            onChange={(value) => {
              setLanguage(value);
              setEdited(null);
            }}
          />
          <SelectField
            label={t('crisis.statement.template')}
            value={templateId}
            options={Object.keys(templateKeys).map((value) => ({ value, label: t(templateKeys[value]!) }))}
            onChange={(value) => {
              setTemplateId(value);
              setEdited(null);
            }}
          />
          {(['brand', 'issue', 'nextUpdate'] as const).map((name) => (
            <TextField
              key={name}
              label={t(`crisis.statement.${name}`)}
              value={values[name]}
              onChange={(value) => {
                setValues({ ...values, [name]: value });
                setEdited(null);
              }}
            />
          ))}
          <Field label={t('crisis.statement.text')}>
            {(control) => (
              <textarea
                {...control}
                className="input"
                rows={4}
                value={text}
                maxLength={5000}
                onChange={(event) => setEdited(event.target.value)}
              />
            )}
          </Field>
          <fieldset className="crisis__channels">
            <legend>{t('crisis.statement.channels')}</legend>
            {(channels.data ?? []).map((channel) => (
              <label key={channel.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={channelIds.includes(channel.id)}
                  onChange={(event) =>
                    setChannelIds(
                      event.target.checked ? [...channelIds, channel.id] : channelIds.filter((id) => id !== channel.id),
                    )
                  }
                />{' '}
                {networkName(channel.network)} — {channel.name}
              </label>
            ))}
          </fieldset>
          <Button type="submit" busy={busy === 'draft'}>
            {t('crisis.statement.draft')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
