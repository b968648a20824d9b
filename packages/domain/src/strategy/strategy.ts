/**
 * The strategy as data: what posts, campaigns and reports link back to. Objectives carry their prioritised
 * KPIs and targets per period; personas say who is addressed and where; channel roles say what each network
 * is for; content pillars group what is published; the editorial line says how it is written.
 */
import type { NetworkId } from '../publishing/networks.ts';
import type { KpiTarget, TargetPeriod } from './kpi-target.ts';
import type { KpiId } from './kpis.ts';

/** The guide's objectives (notoriété, acquisition, service client) plus loyalty and a custom one. */
export const objectiveKinds = ['awareness', 'acquisition', 'customer_service', 'loyalty', 'custom'] as const;
export type ObjectiveKind = (typeof objectiveKinds)[number];

/** The two languages content is written and checked in. */
export const contentLanguages = ['fr', 'en'] as const;
export type ContentLanguage = (typeof contentLanguages)[number];

/** One target of a KPI: what to reach over which period. */
export type PeriodTarget = { period: TargetPeriod; target: KpiTarget };

/** A KPI an objective is measured by; priority 1 comes first. */
export type ObjectiveKpi = { kpi: KpiId; priority: number; targets: PeriodTarget[] };

export type Objective = {
  id: string;
  kind: ObjectiveKind;
  /** Required for `custom`; otherwise the UI shows the translated name of the kind. */
  label?: string;
  kpis: ObjectiveKpi[];
};

export type Persona = {
  id: string;
  name: string;
  demographics: { ageMin?: number; ageMax?: number; locations?: string[]; occupations?: string[] };
  interests: string[];
  pains: string[];
  /** Where they are: the networks to reach them on. */
  networks: NetworkId[];
};

/** What a channel is for in the strategy; a channel may have several roles. */
export const channelRoles = [
  'awareness',
  'product_discovery',
  'community',
  'customer_service',
  'acquisition',
  'lead_generation',
  'retargeting',
  'thought_leadership',
  'local_visibility',
  'recruitment',
] as const;
export type ChannelRole = (typeof channelRoles)[number];

export type ChannelStrategy = {
  network: NetworkId;
  roles: ChannelRole[];
  /** What the audience gets on this channel that it gets nowhere else (free text, the brand's language). */
  valueProposition: string;
  personaIds: string[];
};

export type ContentPillar = {
  id: string;
  name: string;
  description: string;
  objectiveIds: string[];
  /** Share of the publications, 0-100; when every pillar has one they must add up to 100. */
  sharePercent?: number;
};

/** What a banned term does in the composer: `block` prevents approval, `warn` only flags it. */
export type BannedTermSeverity = 'block' | 'warn';

export type EditorialLine = {
  /** Tone traits ("chaleureux", "expert"...) and how readers are addressed. */
  tone: { traits: string[]; address?: 'informal' | 'formal'; notes?: string };
  wordsToUse: string[];
  /** Words that are allowed but better replaced; `suggestion` is the preferred wording. */
  wordsToAvoid: { term: string; suggestion?: string }[];
  bannedTerms: { term: string; severity: BannedTermSeverity; reason?: string }[];
  /**
   * Accepted mentions per language: a sponsored post (paid partnership) or an ad must contain at least one
   * of the mentions of its language.
   */
  mandatoryMentions: {
    sponsored: Record<ContentLanguage, string[]>;
    ad: Record<ContentLanguage, string[]>;
  };
  gdprNotes: string[];
};

export type Strategy = {
  objectives: Objective[];
  personas: Persona[];
  channels: ChannelStrategy[];
  pillars: ContentPillar[];
  editorialLine: EditorialLine;
};
