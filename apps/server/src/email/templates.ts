import type { Role } from '@sillage/domain';

const copy = {
  en: {
    subject: (workspace: string) => `You are invited to ${workspace} on Sillage`,
    body: (inviter: string, workspace: string, role: string, url: string, expires: string) =>
      `${inviter} invites you to join ${workspace} on Sillage as ${role}.\n\nAccept the invitation: ${url}\n\nThe link works once and expires on ${expires} (UTC).`,
  },
  fr: {
    subject: (workspace: string) => `Invitation à rejoindre ${workspace} sur Sillage`,
    body: (inviter: string, workspace: string, role: string, url: string, expires: string) =>
      `${inviter} vous invite à rejoindre ${workspace} sur Sillage avec le rôle ${role}.\n\nAccepter l'invitation : ${url}\n\nLe lien ne sert qu'une fois et expire le ${expires} (UTC).`,
  },
};

/** The invitation e-mail in the workspace's language. */
export function invitationEmail(input: {
  to: string;
  workspaceName: string;
  inviter: string;
  role: Role;
  acceptUrl: string;
  expiresAt: Date;
  locale: 'fr' | 'en';
}): { to: string; subject: string; text: string } {
  const text = copy[input.locale];
  const expires = input.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
  return {
    to: input.to,
    subject: text.subject(input.workspaceName),
    text: text.body(input.inviter, input.workspaceName, input.role, input.acceptUrl, expires),
  };
}
