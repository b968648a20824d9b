/**
 * Default mentions that make a sponsored post or an ad identifiable, per language; a workspace edits them in
 * its editorial line. Matching ignores case and accents.
 */
import type { ContentLanguage } from '../strategy.ts';
import type { Basis } from './basis.ts';

export type MentionDefaults = { mentions: Record<ContentLanguage, string[]>; basis: Record<ContentLanguage, Basis> };

export const sponsoredMentionDefaults: MentionDefaults = {
  mentions: {
    fr: ['Publicité', 'Collaboration commerciale'],
    en: ['#ad', 'Ad', 'Paid partnership', 'Sponsored'],
  },
  basis: {
    fr: {
      source:
        'Loi n° 2023-451 du 9 juin 2023 (influence commerciale), article 5: the mention « Publicité » or « Collaboration commerciale », clear and legible',
      guideSection: 'strategy_governance',
    },
    en: {
      source:
        'UK CAP Code and ASA/CMA Influencers’ guide (label such as "#ad"); US FTC Endorsement Guides and "Disclosures 101 for Social Media Influencers"',
      guideSection: 'strategy_governance',
    },
  },
};

export const adMentionDefaults: MentionDefaults = {
  mentions: {
    fr: ['Publicité', 'Sponsorisé'],
    en: ['Ad', 'Advertisement', 'Sponsored'],
  },
  basis: {
    fr: {
      source:
        'Loi n° 2004-575 du 21 juin 2004 (LCEN), article 20: any online advertisement must be clearly identifiable as such',
      guideSection: 'strategy_governance',
    },
    en: {
      source:
        'UK CAP Code rule 2.1 (marketing communications must be obviously identifiable as such); US FTC Act section 5',
      guideSection: 'strategy_governance',
    },
  },
};
