/** The default split of the monthly budget between production/community and advertising, by team size. */
import type { BusinessSize } from '../plan.ts';
import { fromGuide, sillageDefault, type Basis } from './basis.ts';

export type BudgetSplitDefault = { advertisingPercent: number; basis: Basis };

export const budgetSplitDefaults: Readonly<Record<BusinessSize, BudgetSplitDefault>> = {
  solo: {
    advertisingPercent: 30,
    basis: sillageDefault(
      'Below the SME split of the guide: with a small budget, organic content has to prove what works before paid reach amplifies it.',
      'good_practice',
    ),
  },
  sme: {
    advertisingPercent: 40,
    basis: fromGuide(
      'good_practice',
      'pour une PME, une répartition initiale possible est 60% production/animation et 40% publicité, ajustée ensuite selon les performances mesurées',
    ),
  },
  mid: {
    advertisingPercent: 45,
    basis: sillageDefault(
      'Slightly more paid than the SME split of the guide: a larger team already has production capacity.',
      'good_practice',
    ),
  },
  enterprise: {
    advertisingPercent: 50,
    basis: sillageDefault(
      'An even split to start from: large brands rely more on paid reach; adjust with measured performance as the guide says.',
      'good_practice',
    ),
  },
};
