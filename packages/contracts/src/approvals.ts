import { roles } from '@sillage/domain';
import { z } from 'zod';
import { Id, Instant } from './common.ts';
import { LocalSchedule, PublicationContent } from './posts.ts';

export const ApprovalStepBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    mode: z.enum(['any', 'all']).meta({ description: 'any: one approval is enough; all: every named member approves' }),
    userIds: z.array(Id).max(20).default([]),
    roles: z.array(z.enum(roles)).max(8).default([]),
    client: z.boolean().default(false).meta({ description: 'The client may decide this step through a link' }),
  })
  .meta({ id: 'ApprovalStep' });

export const ApprovalPolicyBody = z
  .object({
    enabled: z.boolean(),
    steps: z.array(ApprovalStepBody).max(5),
    reapproveOnEdit: z.boolean().default(true),
  })
  .meta({ id: 'ApprovalPolicy' });

const LanguageMentions = z.object({ fr: z.array(z.string().max(80)).max(20), en: z.array(z.string().max(80)).max(20) });

/** The editorial line the composer and the approvals enforce (packages/domain/src/strategy/strategy.ts). */
export const EditorialLineBody = z
  .object({
    tone: z.object({
      traits: z.array(z.string().max(60)).max(20),
      address: z.enum(['informal', 'formal']).optional(),
      notes: z.string().max(2000).optional(),
    }),
    wordsToUse: z.array(z.string().max(80)).max(200),
    wordsToAvoid: z.array(z.object({ term: z.string().max(80), suggestion: z.string().max(80).optional() })).max(200),
    bannedTerms: z
      .array(
        z.object({
          term: z.string().max(80),
          severity: z.enum(['block', 'warn']),
          reason: z.string().max(300).optional(),
        }),
      )
      .max(500),
    mandatoryMentions: z.object({ sponsored: LanguageMentions, ad: LanguageMentions }),
    gdprNotes: z.array(z.string().max(500)).max(50),
  })
  .meta({ id: 'EditorialLine' });

export const EditorialIssueView = z
  .object({
    code: z.enum(['banned_term', 'missing_sponsored_mention', 'missing_ad_mention', 'avoid_word']),
    severity: z.enum(['block', 'warn', 'suggestion']),
    message: z.string(),
    channelId: Id.nullable().meta({ description: "The channel whose variant has the issue; null for the post's text" }),
  })
  .meta({ id: 'EditorialIssue' });

export const ApprovalDecisionView = z
  .object({
    step: z.number().int(),
    stepName: z.string(),
    decision: z.enum(['approve', 'request_changes']),
    comment: z.string(),
    by: z.string().meta({ description: "The member's name, or the client link's label" }),
    byClient: z.boolean(),
    decidedAt: Instant,
  })
  .meta({ id: 'ApprovalDecision' });

export const ApprovalStatusView = z
  .object({
    postId: Id,
    policyEnabled: z.boolean(),
    round: z
      .object({
        id: Id,
        status: z.enum(['pending', 'approved', 'changes_requested', 'withdrawn']),
        step: z.number().int().nullable(),
        stepName: z.string().nullable(),
        waitingFor: z.array(z.string()),
        submittedAt: Instant,
        decisions: z.array(ApprovalDecisionView),
      })
      .nullable(),
    editorialIssues: z.array(EditorialIssueView),
    links: z.array(
      z.object({ id: Id, label: z.string(), expiresAt: Instant, revoked: z.boolean(), createdAt: Instant }),
    ),
  })
  .meta({ id: 'ApprovalStatus' });

export const PostApprovalParams = z.object({ workspaceId: Id, postId: Id });

export const SubmitForApprovalBody = z
  .object({
    sponsored: z.boolean().optional().meta({ description: 'A paid partnership: needs the sponsored mention' }),
    isAd: z.boolean().optional(),
    language: z.enum(['fr', 'en']).optional(),
    schedule: LocalSchedule.optional().meta({
      description: 'When to publish once approved (local date, time and zone); kept if the post already has one',
    }),
  })
  .meta({ id: 'SubmitForApproval' });

export const DecideBody = z
  .object({ decision: z.enum(['approve', 'request_changes']), comment: z.string().trim().max(2000).default('') })
  .meta({ id: 'ApprovalDecisionRequest' });

export const CreateClientLinkBody = z
  .object({
    label: z.string().trim().min(1).max(120).meta({ example: 'Claire (Maison Lumière)' }),
    expiresInDays: z.number().int().min(1).max(30).default(7),
  })
  .meta({ id: 'CreateClientApprovalLink' });

export const ClientLinkCreated = z
  .object({ id: Id, url: z.string(), expiresAt: Instant })
  .meta({ id: 'ClientApprovalLinkCreated' });

export const ApprovalLinkParams = z.object({ token: z.string().min(20).max(200) });

/** What a client sees through an approval link: the post as each network will show it, and where it stands. */
export const ClientApprovalView = z
  .object({
    workspaceName: z.string(),
    label: z.string(),
    expiresAt: Instant,
    text: z.string(),
    status: z.enum(['pending', 'approved', 'changes_requested', 'withdrawn']),
    stepName: z.string().nullable(),
    mayDecide: z.boolean(),
    publications: z.array(
      z.object({
        network: z.string(),
        channelName: z.string(),
        content: PublicationContent,
        localDate: z.string().nullable(),
        localTime: z.string().nullable(),
        timeZone: z.string().nullable(),
      }),
    ),
    decisions: z.array(ApprovalDecisionView),
  })
  .meta({ id: 'ClientApprovalView' });
