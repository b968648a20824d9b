/** The editorial line a new workspace starts from: the legal mentions filled in, the rest for the brand to write. */
import type { ContentLanguage, EditorialLine } from '../strategy.ts';
import { adMentionDefaults, sponsoredMentionDefaults } from './mandatory-mentions.ts';

const gdprNotes: Record<ContentLanguage, string[]> = {
  fr: [
    'Ne publier aucune donnée personnelle d’un client (nom, commande, e-mail) dans une réponse publique : passer en message privé.',
    'Demander l’accord écrit d’une personne avant de republier sa photo ou son contenu (UGC).',
    'Les pixels de suivi et audiences de retargeting exigent le consentement préalable du visiteur.',
  ],
  en: [
    'Never publish a customer’s personal data (name, order, e-mail) in a public reply: move to a private message.',
    'Get written consent before reposting a person’s photo or content (UGC).',
    'Tracking pixels and retargeting audiences need the visitor’s prior consent.',
  ],
};

/**
 * A starting editorial line, with GDPR notes in `language` and the legal mentions of both languages.
 * @example defaultEditorialLine('fr').mandatoryMentions.sponsored.fr // ['Publicité', 'Collaboration commerciale']
 */
export function defaultEditorialLine(language: ContentLanguage): EditorialLine {
  return {
    tone: { traits: [] },
    wordsToUse: [],
    wordsToAvoid: [],
    bannedTerms: [],
    mandatoryMentions: {
      sponsored: { fr: [...sponsoredMentionDefaults.mentions.fr], en: [...sponsoredMentionDefaults.mentions.en] },
      ad: { fr: [...adMentionDefaults.mentions.fr], en: [...adMentionDefaults.mentions.en] },
    },
    gdprNotes: [...gdprNotes[language]],
  };
}
