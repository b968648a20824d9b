import { z } from 'zod';
import { Id, Instant } from './common.ts';

export const escalationSeverities = ['notice', 'warning', 'crisis'] as const;

/** One escalation rule: `threshold` negative inbox items within `windowMinutes` raise an alert. */
export const EscalationRuleInput = z.object({
  id: Id.optional().meta({
    description: 'An existing rule to keep (its alert history is kept); omitted for a new rule',
  }),
  name: z.string().trim().min(1, 'Give the rule a name').max(100),
  threshold: z
    .number()
    .int('The threshold is a whole number of items')
    .min(1, 'The threshold is at least 1 negative item')
    .max(10_000)
    .default(10),
  windowMinutes: z
    .number()
    .int('The window is a whole number of minutes')
    .min(1, 'The window is at least 1 minute')
    .max(10_080, 'The window is at most 7 days (10080 minutes)')
    .default(30),
  severity: z.enum(escalationSeverities),
  recipients: z
    .array(Id)
    .max(50, 'At most 50 recipients per rule')
    .default([])
    .meta({ description: 'User ids of workspace members who receive the e-mail' }),
  webhookUrl: z
    .url({ message: 'The webhook URL must be a full https:// URL' })
    .max(2000)
    .nullable()
    .default(null)
    .meta({ description: 'Slack-compatible incoming webhook (receives {"text": ...}); https only' }),
  enabled: z.boolean().default(true),
});

export const EscalationRulesBody = z.object({
  rules: z.array(EscalationRuleInput).max(20, 'At most 20 rules per workspace'),
});

export const EscalationRuleView = z.object({
  id: Id,
  name: z.string(),
  threshold: z.number().int(),
  windowMinutes: z.number().int(),
  severity: z.enum(escalationSeverities),
  recipients: z.array(Id),
  webhookUrl: z.string().nullable(),
  enabled: z.boolean(),
  lastEscalatedAt: Instant.nullable(),
});

export const EscalationRulesView = z.object({ rules: z.array(EscalationRuleView) });
