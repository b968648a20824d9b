import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  approvalState,
  mayDecide,
  validateApprovalPolicy,
  type ApprovalDecision,
  type ApprovalPolicy,
} from './approval-chain.ts';

const at = new Date('2026-11-28T10:00:00Z');
const policy: ApprovalPolicy = {
  enabled: true,
  reapproveOnEdit: true,
  steps: [
    { name: 'Legal and brand', mode: 'all', userIds: ['ana', 'ben'], roles: [], client: false },
    { name: 'Client', mode: 'any', userIds: [], roles: ['strategist'], client: true },
  ],
};
const member = (
  userId: string,
  step: number,
  decision: ApprovalDecision['decision'] = 'approve',
): ApprovalDecision => ({
  step,
  decision,
  userId,
  linkId: null,
  at,
});

describe('approval chains', () => {
  it('waits for every member of an "all" step, then for anyone of an "any" step, then is approved', () => {
    assert.deepEqual(approvalState(policy, []), {
      status: 'pending',
      step: 0,
      approvedBy: [],
      waitingFor: ['ana', 'ben'],
    });
    assert.deepEqual(approvalState(policy, [member('ana', 0)]), {
      status: 'pending',
      step: 0,
      approvedBy: ['ana'],
      waitingFor: ['ben'],
    });
    const secondStep = approvalState(policy, [member('ana', 0), member('ben', 0)]);
    assert.deepEqual(secondStep, { status: 'pending', step: 1, approvedBy: [], waitingFor: [] });
    const byClient: ApprovalDecision = { step: 1, decision: 'approve', userId: null, linkId: 'l1', at };
    assert.deepEqual(approvalState(policy, [member('ana', 0), member('ben', 0), byClient]), { status: 'approved' });
  });

  it('stops at a request for changes, and ignores decisions on a step already passed', () => {
    assert.deepEqual(approvalState(policy, [member('ana', 0), member('ben', 0, 'request_changes')]), {
      status: 'changes_requested',
      step: 0,
    });
    assert.deepEqual(approvalState(policy, [member('ana', 0), member('ben', 0), member('ana', 0, 'request_changes')]), {
      status: 'pending',
      step: 1,
      approvedBy: [],
      waitingFor: [],
    });
  });

  it('lets only the step’s approvers decide, once, and the client only where the step is open to it', () => {
    const start = approvalState(policy, []);
    assert.equal(mayDecide(policy, start, { kind: 'member', userId: 'ana', role: 'editor' }).ok, true);
    assert.equal(mayDecide(policy, start, { kind: 'member', userId: 'zoe', role: 'admin' }).ok, false);
    assert.equal(mayDecide(policy, start, { kind: 'client', linkId: 'l1' }).ok, false);
    const afterAna = approvalState(policy, [member('ana', 0)]);
    assert.deepEqual(mayDecide(policy, afterAna, { kind: 'member', userId: 'ana', role: 'editor' }), {
      ok: false,
      reason: 'You have already approved this step.',
    });
    const clientStep = approvalState(policy, [member('ana', 0), member('ben', 0)]);
    assert.equal(mayDecide(policy, clientStep, { kind: 'client', linkId: 'l1' }).ok, true);
    assert.equal(mayDecide(policy, clientStep, { kind: 'member', userId: 'x', role: 'strategist' }).ok, true);
    assert.equal(mayDecide(policy, { status: 'approved' }, { kind: 'client', linkId: 'l1' }).ok, false);
  });

  it('refuses an enabled policy without steps, a step nobody decides, and "all" with a role or the client', () => {
    assert.deepEqual(
      validateApprovalPolicy({ enabled: true, steps: [], reapproveOnEdit: false }).map((problem) => problem.field),
      ['steps'],
    );
    const fields = validateApprovalPolicy({
      enabled: true,
      reapproveOnEdit: false,
      steps: [
        { name: '', mode: 'any', userIds: [], roles: [], client: false },
        { name: 'Client', mode: 'all', userIds: [], roles: [], client: true },
      ],
    }).map((problem) => problem.field);
    assert.deepEqual(fields, ['steps.0.name', 'steps.0', 'steps.1.mode']);
    assert.deepEqual(validateApprovalPolicy(policy), []);
  });
});
