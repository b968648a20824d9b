import type { ApprovalDecisionView } from '@sillage/contracts';
import type { z } from 'zod';
import { formatInstant } from '../../i18n/format.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

export const approvalStatusKey = (status: 'pending' | 'approved' | 'changes_requested' | 'withdrawn'): MessageKey =>
  (
    ({
      pending: 'approvals.status.pending',
      approved: 'approvals.status.approved',
      changes_requested: 'approvals.status.changesRequested',
      withdrawn: 'approvals.status.none',
    }) as const
  )[status];

/** Who decided what, when, with their comment. */
export function DecisionsList({ decisions }: { decisions: z.infer<typeof ApprovalDecisionView>[] }) {
  const { t, locale } = useI18n();
  if (decisions.length === 0) return null;
  return (
    <section aria-labelledby="decisions-title">
      <h2 className="section-title" id="decisions-title">
        {t('approvals.decisions')}
      </h2>
      <ol className="approval-decisions">
        {decisions.map((decision, index) => (
          <li key={index}>
            <strong>{decision.by}</strong>
            {decision.byClient && <span className="muted"> ({t('approvals.viaLink')})</span>} —{' '}
            {decision.decision === 'approve' ? t('approvals.approved') : t('approvals.changesRequested')} ·{' '}
            {decision.stepName} · {formatInstant(decision.decidedAt, 'UTC', locale)}
            {decision.comment && <blockquote>{decision.comment}</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}
