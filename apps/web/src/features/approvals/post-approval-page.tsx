import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApprovalStatusView, ClientLinkCreated, PostView } from '@sillage/contracts';
import { api, workspacePath } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CopyValue } from '../../ui/copy-value.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useWorkspace } from '../workspaces/workspace-context.tsx';
import { DecisionsList, approvalStatusKey } from './decisions-list.tsx';
import { PublicationPreviews } from './post-preview-card.tsx';

/** `/w/:workspaceId/posts/:postId/approval`: send a post for approval, decide a step, or ask a client through a link. */
export function PostApprovalPage() {
  const { t } = useI18n();
  const { postId = '' } = useParams();
  const { workspace, can } = useWorkspace();
  const toast = useToast();
  const post = useResource(`post:${postId}`, (signal) =>
    api.get(workspacePath(workspace.id, 'posts', postId), PostView, { signal }),
  );
  const status = useResource(`approval:${postId}`, (signal) =>
    api.get(workspacePath(workspace.id, 'posts', postId, 'approval'), ApprovalStatusView, { signal }),
  );
  const [date, setDate] = useState('');
  const [time, setTime] = useState('10:00');
  const [sponsored, setSponsored] = useState(false);
  const [isAd, setIsAd] = useState(false);
  const [language, setLanguage] = useState<'fr' | 'en'>(workspace.locale);
  const [comment, setComment] = useState('');
  const [label, setLabel] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (post.error || status.error)
    return <LoadFailure error={post.error ?? status.error} onRetry={() => (post.reload(), status.reload())} />;
  if (!post.data || !status.data) return <LoadingBlock />;
  const approval = status.data;
  const round = approval.round;
  const isDraft = post.data.publications.some((publication) => publication.state === 'draft');

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(describeApiError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  const submit = () =>
    run(async () => {
      const updated = await api.post(
        workspacePath(workspace.id, 'posts', postId, 'approval', 'submit'),
        ApprovalStatusView,
        {
          sponsored,
          isAd,
          language,
          ...(date ? { schedule: { date, time, timeZone: workspace.timeZone } } : {}),
        },
      );
      status.setData(() => updated);
      post.reload();
      toast.show(t('approvals.submitted'));
    });

  const decide = (decision: 'approve' | 'request_changes') =>
    run(async () => {
      if (decision === 'request_changes' && !comment.trim()) throw new Error(t('approvals.commentRequired'));
      const updated = await api.post(
        workspacePath(workspace.id, 'posts', postId, 'approval', 'decision'),
        ApprovalStatusView,
        { decision, comment },
      );
      status.setData(() => updated);
      post.reload();
      setComment('');
    });

  const createLink = () =>
    run(async () => {
      const created = await api.post(
        workspacePath(workspace.id, 'posts', postId, 'approval', 'links'),
        ClientLinkCreated,
        {
          label: label.trim() || t('approvals.links.defaultLabel'),
          expiresInDays: 7,
        },
      );
      setLink(created.url);
      status.reload();
    });

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('approvals.title')}</h1>
        <p>
          <span className="status-pill" data-status={round?.status ?? 'none'}>
            {round ? t(approvalStatusKey(round.status)) : t('approvals.status.none')}
          </span>{' '}
          {round?.stepName && <span className="muted">{t('approvals.step', { name: round.stepName })}</span>}
          {round && round.waitingFor.length > 0 && (
            <span className="muted"> · {t('approvals.waitingFor', { names: round.waitingFor.join(', ') })}</span>
          )}
        </p>
      </header>
      {!approval.policyEnabled && <Alert tone="info">{t('approvals.off')}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      {approval.editorialIssues.length > 0 && (
        <Alert tone={approval.editorialIssues.some((issue) => issue.severity === 'block') ? 'error' : 'warning'}>
          <p>{t('approvals.editorialIssues')}</p>
          <ul>
            {approval.editorialIssues.map((issue, index) => (
              <li key={index} data-severity={issue.severity}>
                {issue.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <PublicationPreviews publications={post.data.publications} />

      {approval.policyEnabled && isDraft && can('content.write') && round?.status !== 'pending' && (
        <form
          className="form"
          aria-label={t('approvals.submitTitle')}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <h2 className="section-title">{t('approvals.submitTitle')}</h2>
          <div className="form--inline">
            <TextField label={t('approvals.date')} type="date" value={date} onChange={setDate} />
            <TextField label={t('approvals.time')} type="time" value={time} onChange={setTime} />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={sponsored} onChange={(event) => setSponsored(event.target.checked)} />{' '}
            {t('approvals.sponsored')}
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={isAd} onChange={(event) => setIsAd(event.target.checked)} />{' '}
            {t('approvals.isAd')}
          </label>
          <label className="field">
            <span className="field__label">{t('approvals.language')}</span>
            <select
              className="select"
              value={language}
              onChange={(event) => setLanguage(event.target.value as 'fr' | 'en')}
            >
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          </label>
          <Button type="submit" variant="primary" busy={busy}>
            {t('approvals.submit')}
          </Button>
        </form>
      )}

      {round?.status === 'pending' && can('content.approve') && (
        <div className="form" aria-label={t('approvals.decideTitle')}>
          <h2 className="section-title">{t('approvals.decideTitle')}</h2>
          <label className="field">
            <span className="field__label">{t('approvals.comment')}</span>
            <textarea className="input" rows={3} value={comment} onChange={(event) => setComment(event.target.value)} />
          </label>
          <div className="row-actions">
            <Button variant="primary" busy={busy} onClick={() => decide('approve')}>
              {t('approvals.approve')}
            </Button>
            <Button busy={busy} onClick={() => decide('request_changes')}>
              {t('approvals.requestChanges')}
            </Button>
          </div>
        </div>
      )}

      {can('content.write') && (
        <section className="form" aria-labelledby="client-link-title">
          <h2 className="section-title" id="client-link-title">
            {t('approvals.links.title')}
          </h2>
          <p>{t('approvals.links.intro')}</p>
          <TextField label={t('approvals.links.label')} value={label} onChange={setLabel} />
          <Button busy={busy} onClick={() => void createLink()}>
            {t('approvals.links.create')}
          </Button>
          {link && (
            <CopyValue
              label={t('approvals.links.url')}
              value={link}
              copyLabel={t('common.copy')}
              copiedLabel={t('common.copied')}
            />
          )}
          {approval.links.length > 0 && (
            <ul>
              {approval.links.map((item) => (
                <li key={item.id}>
                  {item.label} — {t('approvals.links.expires', { date: item.expiresAt.slice(0, 10) })}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {round && <DecisionsList decisions={round.decisions} />}
    </section>
  );
}
