/**
 * Why a default is what it is. Every entry of the defaults carries one: a `source` (the guide section it
 * follows, a law, a public benchmark named by its title) or, when no source applies, the `reasoning` behind
 * Sillage's choice. Precise figures appear only where a source gives them.
 */

/** The sections of the guide (seed-smm-guide-fr.txt), by their role; the renderers print their French or English title. */
export const guideSections = [
  'strategy_governance',
  'content_planning',
  'community_listening',
  'social_advertising',
  'measurement',
  'kpis_tools',
  'example_ecommerce_launch',
  'example_b2b_leads',
  'example_crisis',
  'good_practice',
  'risks',
  'conclusion',
] as const;

export type GuideSection = (typeof guideSections)[number];

export type Basis =
  | { source: string; guideSection?: GuideSection; reasoning?: string }
  | { reasoning: string; guideSection?: GuideSection; source?: undefined };

/**
 * A basis citing the guide: the section and the sentence it follows, quoted in French.
 * @example fromGuide('good_practice', 'pour une PME, une répartition initiale possible est 60% production/animation et 40% publicité')
 */
export function fromGuide(section: GuideSection, quote: string, reasoning?: string): Basis {
  const source = `Guide SMM, ${section}: « ${quote} »`;
  return reasoning ? { source, guideSection: section, reasoning } : { source, guideSection: section };
}

/**
 * A Sillage default with no external source: says so, and why.
 * @example sillageDefault('A solo marketer cannot sustain more than two channels at first.')
 */
export function sillageDefault(reasoning: string, guideSection?: GuideSection): Basis {
  return guideSection ? { reasoning, guideSection } : { reasoning };
}
