/**
 * The SMM plan as plain data (JSON-serialisable, no class, no date): what the builder writes, what the user
 * edits, what versions are diffed on, and what the renderers walk. Texts are codes; the renderers translate.
 */
import type { Money } from '../analytics/money.ts';
import type { NetworkId } from '../publishing/networks.ts';
import type { PostFormat } from '../publishing/post-formats.ts';
import type { Basis } from './defaults/basis.ts';
import type { KpiTarget, TargetPeriod } from './kpi-target.ts';
import type { KpiId } from './kpis.ts';
import type { ChannelRole, ContentLanguage, ObjectiveKind } from './strategy.ts';

export const businessTypes = ['ecommerce', 'b2b', 'local', 'other'] as const;
export type BusinessType = (typeof businessTypes)[number];

/** Team size: a solo marketer, an SME, a mid-sized company, a large one. */
export const businessSizes = ['solo', 'sme', 'mid', 'enterprise'] as const;
export type BusinessSize = (typeof businessSizes)[number];

/** The objectives the builder can plan for (a custom objective is added by editing the plan). */
export const plannableObjectives = ['awareness', 'acquisition', 'customer_service', 'loyalty'] as const;
export type PlannableObjective = (typeof plannableObjectives)[number];

/** The answers the builder starts from. */
export type PlanAnswers = {
  businessType: BusinessType;
  size: BusinessSize;
  objectives: PlannableObjective[];
  /** The whole monthly social budget (production, community and advertising), in minor units. */
  monthlyBudget: Money;
  channelsUsed: NetworkId[];
  language: ContentLanguage;
  /** Overrides the advertising share of the budget (0-100, integer); the rest goes to production and community. */
  advertisingPercent?: number;
};

/** What a format is used for: the native content the plan recommends (translated by the renderers). */
export const contentTypes = [
  'product_carousel',
  'educational_carousel',
  'tutorial_video',
  'product_demo_short',
  'industry_post',
  'expert_document',
  'teaser_story',
  'user_generated_content',
  'behind_the_scenes',
  'customer_testimonial',
  'white_paper_promotion',
  'webinar_clip',
  'local_news',
  'local_offer',
  'event_announcement',
  'community_question',
  'inspiration_pin',
  'conversation_thread',
] as const;
export type ContentType = (typeof contentTypes)[number];

export type PlanKpi = { kpi: KpiId; priority: number; period: TargetPeriod; target: KpiTarget; basis: Basis };
export type PlanObjective = { kind: ObjectiveKind; label?: string; kpis: PlanKpi[] };

export type PlanFormat = { format: PostFormat; content: ContentType; postsPerWeek: number; basis: Basis };
export type PlanChannel = {
  network: NetworkId;
  roles: ChannelRole[];
  /** The account exists already (from the answers) rather than being a new channel to open. */
  alreadyUsed: boolean;
  formats: PlanFormat[];
  /** Sum of the formats' posts per week. */
  postsPerWeek: number;
  basis: Basis;
};

export const budgetCategories = ['production_and_community', 'advertising'] as const;
export type BudgetCategory = (typeof budgetCategories)[number];
export type PlanBudgetLine = { category: BudgetCategory; percent: number; amount: Money; basis: Basis };
/** The monthly budget and its split; the line amounts add up exactly to `monthly`. */
export type PlanBudget = { monthly: Money; lines: PlanBudgetLine[] };

export const toolIds = [
  'connect_channel',
  'native_analytics',
  'meta_ads_manager',
  'linkedin_campaign_manager',
  'tiktok_ads_manager',
  'tracked_links',
  'conversion_tracking',
  'consent_management',
  'product_catalog',
  'landing_page',
  'crm_and_email',
  'review_management',
  'social_listening',
  'editorial_calendar',
  'moderation_policy',
  'data_exports',
] as const;
export type ToolId = (typeof toolIds)[number];
/** Who provides a tool: Sillage itself, the network (its insights or ad manager), or a third party. */
export type ToolProvider = 'sillage' | 'network' | 'external';
export type PlanTool = { id: ToolId; network?: NetworkId; provider: ToolProvider; basis: Basis };

export const playbookIds = [
  'ecommerce_product_launch',
  'b2b_lead_generation',
  'site_visitor_retargeting',
  'awareness_always_on',
  'community_care',
  'customer_loyalty',
  'crisis_management',
] as const;
export type PlaybookId = (typeof playbookIds)[number];
/** The steps of the playbooks, as codes the renderers translate. */
export const playbookSteps = [
  'organic_teasing_stories_ugc',
  'lookalike_acquisition_ads',
  'abandoned_cart_retargeting',
  'cost_per_purchase_ceiling',
  'linkedin_ads_decision_makers',
  'white_paper_landing_page',
  'email_follow_up',
  'lead_qualification',
  'site_visitor_retargeting',
  'native_formats_per_channel',
  'ab_test_hooks',
  'boost_best_organic_posts',
  'answer_comments_and_messages',
  'manage_reviews',
  'escalate_by_threshold',
  'feature_customers_ugc',
  'community_exclusives',
  'monitor_mentions',
  'centralised_response',
  'transparent_statement',
  'post_mortem',
] as const;
export type PlaybookStep = (typeof playbookSteps)[number];
export type PlanPlaybook = { id: PlaybookId; steps: PlaybookStep[]; kpis: KpiId[]; basis: Basis };

export const loopSteps = [
  'measure',
  'compare_to_targets',
  'ab_test',
  'reallocate_budget',
  'document_learnings',
  'review_strategy',
] as const;
export type LoopStep = (typeof loopSteps)[number];
export type LoopCadence = 'week' | 'month' | 'quarter' | 'after_each_campaign';
export type PlanLoopStep = { step: LoopStep; cadence: LoopCadence; basis: Basis };

export type Plan = {
  schemaVersion: 1;
  answers: PlanAnswers;
  objectives: PlanObjective[];
  channels: PlanChannel[];
  budget: PlanBudget;
  tools: PlanTool[];
  playbooks: PlanPlaybook[];
  improvementLoop: PlanLoopStep[];
};
