import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPlan } from './plan-builder.ts';
import { planDocument } from './plan-document.ts';
import { planTextEn } from './plan-text.en.ts';
import { planTextFr } from './plan-text.fr.ts';
import type { Plan } from './plan.ts';
import { renderMarkdown, renderPlanMarkdown } from './render-markdown.ts';

function plan(overrides: Partial<Plan['answers']> = {}): Plan {
  return buildPlan({
    businessType: 'ecommerce',
    size: 'sme',
    objectives: ['awareness', 'acquisition', 'customer_service', 'loyalty'],
    monthlyBudget: { amountMinor: 500_000, currency: 'EUR' },
    channelsUsed: ['x'],
    language: 'fr',
    ...overrides,
  });
}

/** Intl puts narrow and ordinary no-break spaces in French numbers; tests read them as spaces. */
const spaces = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('planDocument', () => {
  it('lays out every section in order, in both locales', () => {
    for (const locale of ['fr', 'en'] as const) {
      const document = planDocument(plan(), locale);
      assert.deepEqual(
        document.sections.map((section) => section.id),
        ['summary', 'objectives', 'channels', 'budget', 'tools', 'playbooks', 'improvement_loop', 'sources'],
      );
      for (const section of document.sections) assert.ok(section.blocks.length > 0, `${locale} ${section.id}`);
    }
  });

  it('puts the budget split with its amounts in one table whose amounts add up to the total', () => {
    const budget = planDocument(plan(), 'en').sections.find((section) => section.id === 'budget')!;
    assert.deepEqual(budget.blocks[0], {
      kind: 'table',
      columns: [
        { label: 'Category', align: 'left' },
        { label: 'Share', align: 'right' },
        { label: 'Monthly amount', align: 'right' },
        { label: 'Basis', align: 'left' },
      ],
      rows: [
        ['Production and community management', '60%', '€3,000.00', 'SMM guide, “Good practice and governance”'],
        ['Advertising', '40%', '€2,000.00', 'SMM guide, “Good practice and governance”'],
        ['Total', '100%', '€5,000.00', ''],
      ],
    });
  });
});

describe('renderPlanMarkdown', () => {
  it('writes the plan in French: objectives and targets, channels with formats and frequency, budget, tools, playbooks, loop', () => {
    const markdown = spaces(renderPlanMarkdown(plan(), 'fr'));
    for (const expected of [
      '# Plan de marketing sur les réseaux sociaux',
      '## Objectifs et KPI',
      '| 1 | Taux de conversion | entre 2 % et 4 % | par mois | Guide SMM, « Exemple 1, lancement produit e-commerce » |',
      '| 2 | Délai de première réponse | au plus 4 h | par mois |',
      '| 1 | Taux de réponse | au moins 90 % | par mois |',
      '### Instagram : 6 publications par semaine',
      '| carrousel | carrousels produit | 2 |',
      '| vidéo | vidéos tutoriels | 2 |',
      '| post texte | posts sectoriels | 1 |',
      '| Production et animation de la communauté | 60 % | 3 000,00 € |',
      '| Publicité | 40 % | 2 000,00 € |',
      '## Outils et connexions à mettre en place',
      '| Connecter le compte dans Sillage | TikTok | Sillage |',
      '### Lancement produit e-commerce',
      '3. Retargeting des paniers abandonnés',
      '### Fidélisation des clients',
      '## Boucle d’amélioration continue',
      '| Chaque mois | Réaffecter le budget',
      'Compte déjà utilisé.',
    ])
      assert.ok(markdown.includes(expected), `missing: ${expected}`);
  });

  it('leaves no English in the French plan', () => {
    const markdown = renderPlanMarkdown(plan({ businessType: 'b2b' }), 'fr');
    for (const english of [
      ' per ',
      'Target',
      'Advertising',
      'Basis',
      ' the ',
      ' and ',
      'Sillage default',
      'Every ',
      'posts per',
    ])
      assert.ok(!markdown.includes(english), `English "${english}" in the French plan`);
  });

  it('writes the plan in English', () => {
    const markdown = renderPlanMarkdown(plan(), 'en');
    for (const expected of [
      '# Social media marketing plan',
      '| 1 | Conversion rate | between 2% and 4% | per month |',
      '### TikTok: 3 posts per week',
      '| video | tutorial videos | 2 |',
      '| Advertising | 40% | €2,000.00 |',
      '1. Organic teasing in stories and with customer content (UGC)',
    ])
      assert.ok(markdown.includes(expected), `missing: ${expected}`);
  });

  it('translates every code: the French catalog differs from the English one except for shared words', () => {
    const same: string[] = [];
    const walk = (fr: unknown, en: unknown, path: string) => {
      if (typeof fr === 'string' && fr === en) same.push(path);
      else if (typeof fr === 'object' && fr !== null)
        for (const key of Object.keys(fr))
          walk((fr as Record<string, unknown>)[key], (en as Record<string, unknown>)[key], `${path}.${key}`);
    };
    walk(planTextFr, planTextEn, '');
    // Words that French and English share: product and network names, and a few identical words.
    const shared = new Set([
      ...[
        'facebook',
        'instagram',
        'threads',
        'linkedin',
        'x',
        'tiktok',
        'youtube',
        'pinterest',
        'bluesky',
        'mastodon',
      ].map((network) => `.networks.${network}`),
      ...['.businessTypes.ecommerce', '.businessTypes.b2b', '.objectives.acquisition', '.kpis.impressions'],
      ...[
        '.roles.acquisition',
        '.roles.retargeting',
        '.formats.image',
        '.formats.reel',
        '.formats.story',
        '.formats.short',
      ],
      ...['.tools.linkedin_campaign_manager', '.tools.tiktok_ads_manager', '.providers.sillage'],
      ...['.columns.kpi', '.columns.format', '.columns.action', '.total', '.notNetworkSpecific'],
    ]);
    assert.deepEqual(
      same.filter((path) => !shared.has(path)),
      [],
    );
  });

  it('escapes Markdown syntax in user text, such as a custom objective label', () => {
    const edited = plan();
    edited.objectives.push({ kind: 'custom', label: 'Grow *fans* | ambassadors', kpis: [] });
    const markdown = renderMarkdown(planDocument(edited, 'en'));
    assert.ok(markdown.includes('### Grow \\*fans\\* \\| ambassadors'));
    assert.ok(markdown.includes('No KPI yet.'));
  });
});
