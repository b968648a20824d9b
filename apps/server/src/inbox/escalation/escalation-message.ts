import type { EscalationSeverity } from './escalation.repository.ts';

export type EscalationFacts = {
  workspaceName: string;
  ruleName: string;
  severity: EscalationSeverity;
  count: number;
  threshold: number;
  windowMinutes: number;
  triggeredAt: Date;
  timeZone: string;
  /** Where the team answers (the web app). */
  inboxUrl: string;
};

const severityLabels: Record<'fr' | 'en', Record<EscalationSeverity, string>> = {
  en: { notice: 'NOTICE', warning: 'WARNING', crisis: 'CRISIS' },
  fr: { notice: 'INFORMATION', warning: 'AVERTISSEMENT', crisis: 'CRISE' },
};

function localTime(at: Date, timeZone: string, locale: 'fr' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(at);
}

/** The alert e-mail in the recipient's language: severity and count in the subject and in the body. */
export function escalationEmail(facts: EscalationFacts, locale: 'fr' | 'en'): { subject: string; text: string } {
  const severity = severityLabels[locale][facts.severity];
  const at = localTime(facts.triggeredAt, facts.timeZone, locale);
  if (locale === 'fr') {
    return {
      subject: `[${severity}] ${facts.workspaceName} : ${facts.count} messages négatifs en ${facts.windowMinutes} min`,
      text: [
        `Gravité : ${severity}`,
        `Règle « ${facts.ruleName} » : ${facts.count} messages négatifs reçus dans la boîte de réception au cours des ${facts.windowMinutes} dernières minutes (seuil : ${facts.threshold}).`,
        `Déclenchée le ${at} (${facts.timeZone}).`,
        '',
        `Ouvrir Sillage : ${facts.inboxUrl}`,
        '',
        'Vous recevez cet e-mail car un administrateur vous a désigné comme destinataire de cette règle dans Sillage.',
      ].join('\n'),
    };
  }
  return {
    subject: `[${severity}] ${facts.workspaceName}: ${facts.count} negative messages in ${facts.windowMinutes} min`,
    text: [
      `Severity: ${severity}`,
      `Rule "${facts.ruleName}": ${facts.count} negative messages received in the inbox in the last ${facts.windowMinutes} minutes (threshold: ${facts.threshold}).`,
      `Triggered on ${at} (${facts.timeZone}).`,
      '',
      `Open Sillage: ${facts.inboxUrl}`,
      '',
      'You receive this e-mail because an administrator named you as a recipient of this rule in Sillage.',
    ].join('\n'),
  };
}

/** The Slack-compatible webhook body, in the workspace's language. */
export function escalationWebhookBody(facts: EscalationFacts, locale: 'fr' | 'en'): { text: string } {
  const { subject } = escalationEmail(facts, locale);
  return { text: `${subject}\n${facts.inboxUrl}` };
}
