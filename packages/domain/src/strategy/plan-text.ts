/**
 * The words of the plan document, one catalog per locale. The plan holds codes; the catalogs hold the
 * sentences, so the Markdown and the PDF say the same thing in French and in English.
 */
import type { NetworkId } from '../publishing/networks.ts';
import type { PostFormat } from '../publishing/post-formats.ts';
import type { GuideSection } from './defaults/basis.ts';
import type { TargetHint } from './kpi-target.ts';
import type { KpiId } from './kpis.ts';
import type {
  BudgetCategory,
  BusinessSize,
  BusinessType,
  ContentType,
  LoopCadence,
  LoopStep,
  PlaybookId,
  PlaybookStep,
  ToolId,
  ToolProvider,
} from './plan.ts';
import type { ChannelRole, ContentLanguage, ObjectiveKind } from './strategy.ts';

export type PlanLocale = 'fr' | 'en';

export type PlanSectionId =
  'summary' | 'objectives' | 'channels' | 'budget' | 'tools' | 'playbooks' | 'improvement_loop' | 'sources';

export type PlanText = {
  title: string;
  summary: (values: {
    business: string;
    size: string;
    budget: string;
    objectives: string;
    language: string;
  }) => string[];
  sections: Record<PlanSectionId, string>;
  businessTypes: Record<BusinessType, string>;
  sizes: Record<BusinessSize, string>;
  languages: Record<ContentLanguage, string>;
  objectives: Record<ObjectiveKind, string>;
  kpis: Record<KpiId, string>;
  targets: {
    between: (min: string, max: string) => string;
    atLeast: (value: string) => string;
    atMost: (value: string) => string;
    improve: (change: string) => string;
    toSet: Record<TargetHint, string>;
  };
  periods: {
    recurring: Record<'week' | 'month' | 'quarter' | 'year', string>;
    range: (from: string, to: string) => string;
  };
  hours: (hours: string) => string;
  minutes: (minutes: string) => string;
  networks: Record<NetworkId, string>;
  roles: Record<ChannelRole, string>;
  formats: Record<PostFormat, string>;
  contents: Record<ContentType, string>;
  budgetCategories: Record<BudgetCategory, string>;
  tools: Record<ToolId, string>;
  providers: Record<ToolProvider, string>;
  playbooks: Record<PlaybookId, string>;
  steps: Record<PlaybookStep, string>;
  loopSteps: Record<LoopStep, string>;
  cadences: Record<LoopCadence, string>;
  guideSections: Record<GuideSection, string>;
  columns: {
    priority: string;
    kpi: string;
    target: string;
    period: string;
    basis: string;
    format: string;
    content: string;
    postsPerWeek: string;
    category: string;
    share: string;
    monthlyAmount: string;
    tool: string;
    channel: string;
    providedBy: string;
    when: string;
    action: string;
  };
  channelHeading: (network: string, postsPerWeek: number) => string;
  channelRoles: (roles: string) => string;
  channelStatus: { alreadyUsed: string; toOpen: string };
  total: string;
  basisLine: (basis: string) => string;
  playbookKpis: (kpis: string) => string;
  basis: { guide: (section: string) => string; sillageDefault: string };
  sourcesIntro: string;
  sillageDefaultExplained: string;
  noObjectiveKpis: string;
  notNetworkSpecific: string;
};
