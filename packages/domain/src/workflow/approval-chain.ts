/**
 * Approval chains: the steps a post goes through before it may be scheduled. Each step names who may decide
 * (members by id, members by role, or a client through an expiring link) and whether one approval is enough
 * (`any`) or every named member must approve (`all`). Pure: decisions come in, the chain's state comes out.
 */
import { isRole, type Role } from '../governance/permissions.ts';

export type ApprovalStep = {
  name: string;
  mode: 'any' | 'all';
  /** Members who may decide this step. */
  userIds: string[];
  /** Anyone holding one of these roles may decide this step (`any` mode only). */
  roles: Role[];
  /** A client may decide this step through an approval link, without an account. */
  client: boolean;
};

export type ApprovalPolicy = {
  /** Off: a post scheduled by someone who may publish goes out without approval. */
  enabled: boolean;
  steps: ApprovalStep[];
  /** An edit after approval sends the post back to the first step. */
  reapproveOnEdit: boolean;
};

export type ApprovalDecision = {
  step: number;
  decision: 'approve' | 'request_changes';
  /** A member's id, or null for a client deciding through a link. */
  userId: string | null;
  /** For a client link: the link's id. */
  linkId: string | null;
  at: Date;
};

export type ApprovalState =
  | { status: 'pending'; step: number; approvedBy: string[]; waitingFor: string[] }
  | { status: 'approved' }
  | { status: 'changes_requested'; step: number };

export const defaultApprovalPolicy: ApprovalPolicy = { enabled: false, steps: [], reapproveOnEdit: true };

export type ApprovalPolicyProblem = { field: string; reason: string };

/**
 * Checks a policy: an enabled policy has 1 to 5 steps, each named, each with someone who may decide, `all` steps
 * naming members only (a role or a client cannot be counted).
 * @example validateApprovalPolicy({ enabled: true, steps: [], reapproveOnEdit: true }) // [{ field: 'steps', ... }]
 */
export function validateApprovalPolicy(policy: ApprovalPolicy): ApprovalPolicyProblem[] {
  const problems: ApprovalPolicyProblem[] = [];
  if (policy.enabled && policy.steps.length === 0)
    problems.push({ field: 'steps', reason: 'An approval workflow needs at least one step; add one or turn it off.' });
  if (policy.steps.length > 5) problems.push({ field: 'steps', reason: 'Use at most 5 approval steps.' });
  policy.steps.forEach((step, index) => {
    const field = `steps.${index}`;
    if (!step.name.trim()) problems.push({ field: `${field}.name`, reason: 'Name the step (e.g. "Brand manager").' });
    if (step.userIds.length === 0 && step.roles.length === 0 && !step.client)
      problems.push({ field, reason: 'Say who approves this step: members, a role, or the client.' });
    if (step.mode === 'all' && (step.roles.length > 0 || step.client || step.userIds.length === 0))
      problems.push({
        field: `${field}.mode`,
        reason: '"Everyone must approve" needs named members only; use "any one approves" for a role or the client.',
      });
    const unknownRoles = step.roles.filter((role) => !isRole(role));
    if (unknownRoles.length)
      problems.push({ field: `${field}.roles`, reason: `Unknown roles: ${unknownRoles.join(', ')}.` });
    if (new Set(step.userIds).size !== step.userIds.length)
      problems.push({ field: `${field}.userIds`, reason: 'A member appears twice in this step.' });
  });
  return problems;
}

/**
 * Where a chain stands after its decisions (in order). A request for changes stops the chain; a resubmission
 * starts a new chain, so only the decisions since the last submission are passed in.
 * @example approvalState(policy, []) // { status: 'pending', step: 0, approvedBy: [], waitingFor: [...] }
 */
export function approvalState(policy: ApprovalPolicy, decisions: readonly ApprovalDecision[]): ApprovalState {
  let step = 0;
  let approvedBy = new Set<string>();
  // A later step is only ever decided after the earlier ones: by step, then in the order given.
  const ordered = [...decisions].sort((a, b) => a.step - b.step);
  for (const decision of ordered) {
    if (decision.step !== step) continue; // a late decision on a finished step changes nothing
    if (decision.decision === 'request_changes') return { status: 'changes_requested', step };
    approvedBy.add(decision.userId ?? `link:${decision.linkId ?? ''}`);
    if (stepComplete(policy.steps[step]!, approvedBy)) {
      step += 1;
      approvedBy = new Set();
      if (step >= policy.steps.length) return { status: 'approved' };
    }
  }
  if (policy.steps.length === 0) return { status: 'approved' };
  const current = policy.steps[step]!;
  return {
    status: 'pending',
    step,
    approvedBy: [...approvedBy],
    waitingFor: current.mode === 'all' ? current.userIds.filter((id) => !approvedBy.has(id)) : [],
  };
}

function stepComplete(step: ApprovalStep, approvedBy: ReadonlySet<string>): boolean {
  if (step.mode === 'any') return approvedBy.size > 0;
  return step.userIds.every((id) => approvedBy.has(id));
}

/**
 * Whether someone may decide the chain's current step: a named member, a holder of a named role, or (for a
 * client link) a step open to the client. Nobody decides twice on the same step.
 */
export function mayDecide(
  policy: ApprovalPolicy,
  state: ApprovalState,
  who: { kind: 'member'; userId: string; role: Role } | { kind: 'client'; linkId: string },
): { ok: true } | { ok: false; reason: string } {
  if (state.status !== 'pending') return { ok: false, reason: 'This post is not waiting for approval.' };
  const step = policy.steps[state.step]!;
  const key = who.kind === 'member' ? who.userId : `link:${who.linkId}`;
  if (state.approvedBy.includes(key)) return { ok: false, reason: 'You have already approved this step.' };
  const allowed =
    who.kind === 'client' ? step.client : step.userIds.includes(who.userId) || step.roles.includes(who.role);
  return allowed
    ? { ok: true }
    : { ok: false, reason: `The step "${step.name}" is not yours to decide; its approvers are told.` };
}
