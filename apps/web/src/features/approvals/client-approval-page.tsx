import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ClientApprovalView } from '@sillage/contracts';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import { useResource } from '../../api/use-resource.ts';
import { PublicLayout } from '../../app/public-layout.tsx';
import { LoadFailure, LoadingBlock } from '../../app/status-blocks.tsx';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { DecisionsList, approvalStatusKey } from './decisions-list.tsx';
import { PublicationPreviews } from './post-preview-card.tsx';

type View = z.infer<typeof ClientApprovalView>;

/** `/approve/:token`: a client reads the post as each network will show it and approves or asks for changes. */
export function ClientApprovalPage() {
  const { t, locale } = useI18n();
  const { token = '' } = useParams();
  const view = useResource(`approval-link:${token}`, (signal) =>
    api.get(`/api/approval-links/${encodeURIComponent(token)}`, ClientApprovalView, { signal, publicCall: true }),
  );
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (view.error)
    return (
      <PublicLayout title={t('approvals.client.title')}>
        {view.error.status === 404 || view.error.status === 410 ? (
          <Alert tone="error">{t('approvals.client.invalid')}</Alert>
        ) : (
          <LoadFailure error={view.error} onRetry={view.reload} />
        )}
      </PublicLayout>
    );
  if (!view.data)
    return (
      <PublicLayout title={t('approvals.client.title')}>
        <LoadingBlock />
      </PublicLayout>
    );
  const data: View = view.data;

  async function decide(decision: 'approve' | 'request_changes') {
    if (decision === 'request_changes' && !comment.trim()) {
      setError(t('approvals.commentRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await api.post(
        `/api/approval-links/${encodeURIComponent(token)}/decision`,
        ClientApprovalView,
        { decision, comment },
        { publicCall: true },
      );
      view.setData(() => updated);
      setComment('');
    } catch (failure) {
      setError(describeApiError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicLayout title={t('approvals.client.title')}>
      <p className="lead">{t('approvals.client.intro', { workspace: data.workspaceName, label: data.label })}</p>
      <p>
        <span className="status-pill" data-status={data.status}>
          {t(approvalStatusKey(data.status))}
        </span>{' '}
        {data.stepName && <span className="muted">{t('approvals.step', { name: data.stepName })}</span>}
      </p>
      <PublicationPreviews publications={data.publications} />
      {error && <Alert tone="error">{error}</Alert>}
      {data.mayDecide ? (
        <div className="form">
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
      ) : (
        <Alert tone={data.status === 'approved' ? 'success' : 'info'}>{t('approvals.client.nothingToDo')}</Alert>
      )}
      <DecisionsList decisions={data.decisions} />
      <p className="muted">{t('approvals.client.expires', { date: formatInstant(data.expiresAt, 'UTC', locale) })}</p>
    </PublicLayout>
  );
}
