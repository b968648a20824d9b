import type { approvalState, EditorialIssue } from '@sillage/domain';
import type { DecisionRecord, RoundRecord } from './approvals.repository.ts';

/** The sentence a user reads for an editorial issue (the domain gives codes and parameters). */
export function describeEditorialIssue(issue: EditorialIssue): string {
  switch (issue.code) {
    case 'banned_term':
      return issue.severity === 'block'
        ? `"${issue.matched}" is a banned term of the editorial line; remove or reword it.`
        : `"${issue.matched}" is flagged by the editorial line; check it is what you mean.`;
    case 'missing_sponsored_mention':
      return `A paid partnership must say so: add one of ${issue.accepted.map((m) => `"${m}"`).join(', ')}.`;
    case 'missing_ad_mention':
      return `An ad must say so: add one of ${issue.accepted.map((m) => `"${m}"`).join(', ')}.`;
    case 'avoid_word':
      return issue.suggestion
        ? `Prefer "${issue.suggestion}" to "${issue.matched}".`
        : `The editorial line advises against "${issue.matched}".`;
  }
}

/** Stored decisions as the domain's approval chain reads them. */
export const asChainDecisions = (decisions: readonly DecisionRecord[]) =>
  decisions.map((decision) => ({
    step: decision.step,
    decision: decision.decision,
    userId: decision.userId,
    linkId: decision.linkId,
    at: decision.decidedAt,
  }));

export function presentDecisions(round: RoundRecord, decisions: readonly DecisionRecord[]) {
  return decisions.map((decision) => ({
    step: decision.step,
    stepName: round.policy.steps[decision.step]?.name ?? '',
    decision: decision.decision,
    comment: decision.comment,
    by: decision.by,
    byClient: decision.linkId !== null,
    decidedAt: decision.decidedAt.toISOString(),
  }));
}

export function presentRound(
  round: RoundRecord,
  decisions: readonly DecisionRecord[],
  state: ReturnType<typeof approvalState> | undefined,
  waitingNames: string[],
) {
  const pending = round.status === 'pending' && state?.status === 'pending' ? state : undefined;
  return {
    id: round.id,
    status: round.status,
    step: pending ? pending.step : null,
    stepName: pending ? (round.policy.steps[pending.step]?.name ?? null) : null,
    waitingFor: waitingNames,
    submittedAt: round.submittedAt.toISOString(),
    decisions: presentDecisions(round, decisions),
  };
}
