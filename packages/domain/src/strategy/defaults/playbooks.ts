/** The playbooks a plan switches on, with the condition that brings each in, its steps and its KPIs. */
import type { KpiId } from '../kpis.ts';
import type { PlanAnswers, PlaybookId, PlaybookStep } from '../plan.ts';
import { fromGuide, sillageDefault, type Basis } from './basis.ts';

export type PlaybookDefault = {
  id: PlaybookId;
  steps: PlaybookStep[];
  kpis: KpiId[];
  when: (answers: PlanAnswers, advertisingPercent: number) => boolean;
  basis: Basis;
};

const wants = (answers: PlanAnswers, objective: PlanAnswers['objectives'][number]) =>
  answers.objectives.includes(objective);

export const playbookDefaults: readonly PlaybookDefault[] = [
  {
    id: 'ecommerce_product_launch',
    steps: [
      'organic_teasing_stories_ugc',
      'lookalike_acquisition_ads',
      'abandoned_cart_retargeting',
      'cost_per_purchase_ceiling',
    ],
    kpis: ['conversion_rate', 'cpa'],
    when: (answers) => answers.businessType === 'ecommerce' && wants(answers, 'acquisition'),
    basis: fromGuide(
      'example_ecommerce_launch',
      'séquence mixte - teasing organique (stories + UGC), publicité d’acquisition ciblée sur audiences lookalike et retargeting panier abandonné',
    ),
  },
  {
    id: 'b2b_lead_generation',
    steps: ['linkedin_ads_decision_makers', 'white_paper_landing_page', 'email_follow_up', 'lead_qualification'],
    kpis: ['cpl', 'lead_qualification_rate'],
    when: (answers) => answers.businessType === 'b2b' && wants(answers, 'acquisition'),
    basis: fromGuide(
      'example_b2b_leads',
      'campagne LinkedIn Ads destinée aux décideurs, diffusion d’un livre blanc en landing page, suivi par emailing',
    ),
  },
  {
    id: 'site_visitor_retargeting',
    steps: ['site_visitor_retargeting'],
    kpis: ['cpa', 'conversion_rate'],
    when: (answers, advertisingPercent) =>
      answers.businessType !== 'ecommerce' && wants(answers, 'acquisition') && advertisingPercent > 0,
    basis: fromGuide('social_advertising', 'combinée à du retargeting via Meta pour capturer les visiteurs du site'),
  },
  {
    id: 'awareness_always_on',
    steps: ['native_formats_per_channel', 'ab_test_hooks', 'boost_best_organic_posts'],
    kpis: ['reach', 'engagement_rate'],
    when: (answers) => wants(answers, 'awareness'),
    basis: fromGuide(
      'social_advertising',
      'Campagnes payantes (targeting démographique, centres d’intérêt, audiences similaires) pour amplifier la portée',
      'Organic posts in native formats find what resonates; paid reach amplifies the winners.',
    ),
  },
  {
    id: 'community_care',
    steps: ['answer_comments_and_messages', 'manage_reviews', 'escalate_by_threshold'],
    kpis: ['response_rate', 'first_response_time'],
    when: (answers) => wants(answers, 'customer_service') || answers.businessType === 'local',
    basis: fromGuide(
      'community_listening',
      'Surveillance active des conversations, réponses aux commentaires, gestion des avis',
    ),
  },
  {
    id: 'customer_loyalty',
    steps: ['feature_customers_ugc', 'community_exclusives'],
    kpis: ['cltv', 'engagement_rate'],
    when: (answers) => wants(answers, 'loyalty'),
    basis: sillageDefault(
      'The guide sets loyalty among the aims of SMM ("soutenir la fidélisation") without a worked example: featuring customers and giving the community first access are the usual levers.',
    ),
  },
  {
    id: 'crisis_management',
    steps: [
      'monitor_mentions',
      'escalate_by_threshold',
      'centralised_response',
      'transparent_statement',
      'post_mortem',
    ],
    kpis: ['net_sentiment', 'first_response_time'],
    when: () => true,
    basis: fromGuide(
      'example_crisis',
      'surveillance des mentions, réponse centralisée via playbook, publication d’une communication transparente et mise en place d’un post-mortem',
    ),
  },
];
