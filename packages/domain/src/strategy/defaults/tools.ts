/**
 * The tools and connections a plan asks to set up, each with the condition that brings it in. Per-network
 * tools (`connect_channel`, `native_analytics`) are repeated for every channel of the plan.
 */
import type { NetworkId } from '../../publishing/networks.ts';
import type { PlanAnswers, ToolId, ToolProvider } from '../plan.ts';
import { fromGuide, sillageDefault, type Basis } from './basis.ts';

/** What the tool conditions look at. */
export type ToolContext = { answers: PlanAnswers; networks: readonly NetworkId[]; advertisingPercent: number };

export type ToolDefault = {
  id: ToolId;
  provider: ToolProvider;
  /** Repeated once per channel of the plan (limited to `networks` when given). */
  perNetwork?: { networks?: readonly NetworkId[] };
  when: (context: ToolContext) => boolean;
  basis: Basis;
};

const advertises = (context: ToolContext) => context.advertisingPercent > 0;
const uses = (context: ToolContext, ...networks: NetworkId[]) =>
  networks.some((network) => context.networks.includes(network));
const converts = (context: ToolContext) =>
  context.answers.objectives.includes('acquisition') || context.answers.businessType === 'ecommerce';

export const toolDefaults: readonly ToolDefault[] = [
  {
    id: 'connect_channel',
    provider: 'sillage',
    perNetwork: {},
    when: () => true,
    basis: sillageDefault('Publishing, the inbox and the analytics of a channel all start from its connected account.'),
  },
  {
    id: 'native_analytics',
    provider: 'network',
    perNetwork: {},
    when: () => true,
    basis: fromGuide(
      'kpis_tools',
      'Les outils fréquemment employés incluent les analytics natifs (Meta/Instagram Insights, LinkedIn Page Analytics, Twitter Analytics)',
    ),
  },
  {
    id: 'meta_ads_manager',
    provider: 'network',
    when: (context) => advertises(context) && uses(context, 'facebook', 'instagram', 'threads'),
    basis: fromGuide('kpis_tools', 'les ad managers pour le paramétrage des campagnes'),
  },
  {
    id: 'linkedin_campaign_manager',
    provider: 'network',
    when: (context) => advertises(context) && uses(context, 'linkedin') && context.answers.businessType === 'b2b',
    basis: fromGuide('example_b2b_leads', 'campagne LinkedIn Ads destinée aux décideurs'),
  },
  {
    id: 'tiktok_ads_manager',
    provider: 'network',
    when: (context) =>
      advertises(context) && uses(context, 'tiktok') && context.answers.objectives.includes('awareness'),
    basis: fromGuide(
      'social_advertising',
      'Campagnes payantes (targeting démographique, centres d’intérêt, audiences similaires) pour amplifier la portée',
    ),
  },
  {
    id: 'tracked_links',
    provider: 'sillage',
    when: () => true,
    basis: fromGuide('measurement', 'relier performances sociales à des conversions métiers (inscriptions, ventes)'),
  },
  {
    id: 'conversion_tracking',
    provider: 'external',
    when: converts,
    basis: fromGuide(
      'example_ecommerce_launch',
      'publicité d’acquisition ciblée sur audiences lookalike et retargeting panier abandonné',
      'Lookalike audiences, retargeting and the conversion rate all need the site to report its conversions (pixel or server-side conversions API).',
    ),
  },
  {
    id: 'consent_management',
    provider: 'external',
    when: converts,
    basis: {
      source:
        'GDPR and the ePrivacy Directive (art. 5(3)); CNIL, « Lignes directrices et recommandations cookies et autres traceurs » (2020)',
      guideSection: 'strategy_governance',
      reasoning: 'Tracking pixels need the visitor’s prior consent in the EU.',
    },
  },
  {
    id: 'product_catalog',
    provider: 'external',
    when: (context) =>
      context.answers.businessType === 'ecommerce' && uses(context, 'facebook', 'instagram', 'tiktok', 'pinterest'),
    basis: sillageDefault('Product carousels, shopping tags and catalogue ads are built from the shop’s product feed.'),
  },
  {
    id: 'landing_page',
    provider: 'external',
    when: (context) => context.answers.businessType === 'b2b' && context.answers.objectives.includes('acquisition'),
    basis: fromGuide('example_b2b_leads', 'diffusion d’un livre blanc en landing page'),
  },
  {
    id: 'crm_and_email',
    provider: 'external',
    when: (context) => context.answers.businessType === 'b2b' && context.answers.objectives.includes('acquisition'),
    basis: fromGuide(
      'example_b2b_leads',
      'suivi par emailing',
      'Leads must be followed up and qualified outside the social network.',
    ),
  },
  {
    id: 'review_management',
    provider: 'sillage',
    when: (context) => context.answers.businessType === 'local' || uses(context, 'google_business'),
    basis: fromGuide('community_listening', 'réponses aux commentaires, gestion des avis et animation des communautés'),
  },
  {
    id: 'social_listening',
    provider: 'sillage',
    when: () => true,
    basis: fromGuide(
      'community_listening',
      'L’écoute sociale permet d’identifier des signaux faibles (insatisfaction, opportunités de produit) et des crises potentielles',
    ),
  },
  {
    id: 'editorial_calendar',
    provider: 'sillage',
    when: () => true,
    basis: fromGuide(
      'strategy_governance',
      'règles de gouvernance (rôles, calendrier éditorial, politique de modération)',
    ),
  },
  {
    id: 'moderation_policy',
    provider: 'sillage',
    when: () => true,
    basis: fromGuide('good_practice', 'établir des seuils d’escalade pour la modération'),
  },
  {
    id: 'data_exports',
    provider: 'sillage',
    when: () => true,
    basis: fromGuide(
      'risks',
      'La dépendance à des plateformes tierces impose une stratégie multi-canal et des sauvegardes de données (export des audiences, contenus et rapports)',
    ),
  },
];
