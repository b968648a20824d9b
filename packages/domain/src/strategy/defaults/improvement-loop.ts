/** The loop of continuous improvement every plan ends with: what to do, how often. */
import type { PlanLoopStep } from '../plan.ts';
import { fromGuide } from './basis.ts';

export const improvementLoopDefaults: readonly PlanLoopStep[] = [
  { step: 'measure', cadence: 'week', basis: fromGuide('good_practice', 'mesurer régulièrement') },
  {
    step: 'compare_to_targets',
    cadence: 'month',
    basis: fromGuide('measurement', 'Suivi des KPI (...) et itérations basées sur les analyses'),
  },
  {
    step: 'ab_test',
    cadence: 'week',
    basis: fromGuide(
      'content_planning',
      'La planification intègre le calendrier éditorial, la fréquence, les temps forts commerciaux et les tests A/B',
    ),
  },
  {
    step: 'reallocate_budget',
    cadence: 'month',
    basis: fromGuide('good_practice', 'ajustée ensuite selon les performances mesurées'),
  },
  {
    step: 'document_learnings',
    cadence: 'after_each_campaign',
    basis: fromGuide('good_practice', 'documenter les apprentissages'),
  },
  {
    step: 'review_strategy',
    cadence: 'quarter',
    basis: fromGuide(
      'conclusion',
      'une boucle d’amélioration continue basée sur les performances réelles',
      'A quarterly review also catches algorithm changes, which the guide lists among the risks.',
    ),
  },
];
