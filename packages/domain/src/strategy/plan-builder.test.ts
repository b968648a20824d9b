import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Basis } from './defaults/basis.ts';
import { budgetSplitDefaults } from './defaults/budget.ts';
import { channelCountBySize, channelDefaults, channelFallbacks, frequencyScale } from './defaults/channels.ts';
import { improvementLoopDefaults } from './defaults/improvement-loop.ts';
import { adMentionDefaults, sponsoredMentionDefaults } from './defaults/mandatory-mentions.ts';
import { allKpiDefaults } from './defaults/objectives.ts';
import { playbookDefaults } from './defaults/playbooks.ts';
import { toolDefaults } from './defaults/tools.ts';
import { buildPlan, validatePlanAnswers, withAdvertisingPercent } from './plan-builder.ts';
import { businessSizes, businessTypes, plannableObjectives, type PlanAnswers } from './plan.ts';
import { validateStrategy } from './validate-strategy.ts';
import { defaultEditorialLine } from './defaults/editorial-line.ts';

function answers(overrides: Partial<PlanAnswers> = {}): PlanAnswers {
  return {
    businessType: 'ecommerce',
    size: 'sme',
    objectives: ['awareness', 'acquisition'],
    monthlyBudget: { amountMinor: 500_000, currency: 'EUR' },
    channelsUsed: [],
    language: 'fr',
    ...overrides,
  };
}

describe('buildPlan', () => {
  it('plans an e-commerce SME at 5,000 EUR a month for awareness + acquisition as the guide does', () => {
    const plan = buildPlan(answers());
    assert.deepEqual(
      plan.budget.lines.map((line) => [line.category, line.percent, line.amount.amountMinor, line.amount.currency]),
      [
        ['production_and_community', 60, 300_000, 'EUR'],
        ['advertising', 40, 200_000, 'EUR'],
      ],
    );
    const has = (network: string, content: string) =>
      plan.channels.some(
        (channel) => channel.network === network && channel.formats.some((format) => format.content === content),
      );
    assert.ok(has('instagram', 'product_carousel'), 'product carousels on Instagram');
    assert.ok(
      plan.channels
        .find((channel) => channel.network === 'instagram')!
        .formats.some((format) => format.format === 'carousel'),
    );
    assert.ok(has('tiktok', 'tutorial_video'), 'tutorial videos on TikTok');
    assert.ok(has('linkedin', 'industry_post'), 'industry posts on LinkedIn');
    const conversion = plan.objectives
      .find((objective) => objective.kind === 'acquisition')!
      .kpis.find((kpi) => kpi.kpi === 'conversion_rate')!;
    assert.deepEqual(conversion.target, { kind: 'between', min: 0.02, max: 0.04 });
    assert.equal(conversion.priority, 1);
    assert.deepEqual(
      plan.objectives.map((objective) => objective.kind),
      ['awareness', 'acquisition'],
    );
    assert.ok(plan.playbooks.some((playbook) => playbook.id === 'ecommerce_product_launch'));
    assert.ok(plan.playbooks.some((playbook) => playbook.id === 'crisis_management'));
  });

  it('gives each channel its weekly frequency as the sum of its formats, scaled by team size', () => {
    const sme = buildPlan(answers());
    const solo = buildPlan(answers({ size: 'solo' }));
    const enterprise = buildPlan(answers({ size: 'enterprise' }));
    for (const plan of [sme, solo, enterprise])
      for (const channel of plan.channels) {
        assert.equal(
          channel.postsPerWeek,
          channel.formats.reduce((sum, format) => sum + format.postsPerWeek, 0),
        );
        assert.ok(channel.formats.every((format) => format.postsPerWeek >= 1));
      }
    const instagram = (plan: typeof sme) =>
      plan.channels.find((channel) => channel.network === 'instagram')!.postsPerWeek;
    assert.equal(instagram(sme), 6);
    assert.equal(instagram(enterprise), 12);
    assert.ok(instagram(solo) < instagram(sme));
    assert.equal(solo.channels.length, 2);
    assert.equal(enterprise.channels.length, 6);
  });

  it('keeps the channels already used, marking them, and adds the ones the recommendation lacks', () => {
    const plan = buildPlan(answers({ size: 'solo', channelsUsed: ['instagram', 'mastodon'] }));
    assert.deepEqual(
      plan.channels.map((channel) => [channel.network, channel.alreadyUsed]),
      [
        ['instagram', true],
        ['tiktok', false],
        ['mastodon', true],
      ],
    );
  });

  it('splits any budget exactly, whatever the rounding, and lets the advertising share be edited', () => {
    const plan = buildPlan(
      answers({ monthlyBudget: { amountMinor: 333_333, currency: 'EUR' }, advertisingPercent: 33 }),
    );
    const [production, advertising] = plan.budget.lines;
    assert.equal(production!.amount.amountMinor + advertising!.amount.amountMinor, 333_333);
    assert.equal(advertising!.amount.amountMinor, 110_000);
    assert.match(advertising!.basis.reasoning ?? '', /Set by the user/);
    const edited = withAdvertisingPercent(buildPlan(answers()), 25);
    assert.deepEqual(
      edited.budget.lines.map((line) => line.amount.amountMinor),
      [375_000, 125_000],
    );
    assert.equal(edited.answers.advertisingPercent, 25);
    assert.throws(() => withAdvertisingPercent(edited, 101), /between 0 and 100/);
  });

  it('works in currencies without minor units', () => {
    const plan = buildPlan(answers({ monthlyBudget: { amountMinor: 100_001, currency: 'JPY' } }));
    assert.deepEqual(
      plan.budget.lines.map((line) => line.amount.amountMinor),
      [60_001, 40_000],
    );
  });

  it('switches on the B2B lead generation playbook and its KPIs for a B2B acquisition objective', () => {
    const plan = buildPlan(answers({ businessType: 'b2b', objectives: ['acquisition'] }));
    assert.deepEqual(
      plan.objectives[0]!.kpis.slice(0, 2).map((kpi) => kpi.kpi),
      ['cpl', 'lead_qualification_rate'],
    );
    assert.deepEqual(
      plan.playbooks.map((playbook) => playbook.id),
      ['b2b_lead_generation', 'site_visitor_retargeting', 'crisis_management'],
    );
    assert.equal(plan.channels[0]!.network, 'linkedin');
    assert.ok(plan.tools.some((tool) => tool.id === 'linkedin_campaign_manager'));
    assert.ok(plan.tools.some((tool) => tool.id === 'crm_and_email'));
  });

  it('leaves out ad managers and paid retargeting when nothing goes to advertising', () => {
    const plan = buildPlan(answers({ businessType: 'b2b', objectives: ['acquisition'], advertisingPercent: 0 }));
    assert.ok(!plan.tools.some((tool) => tool.id.endsWith('ads_manager') || tool.id === 'linkedin_campaign_manager'));
    assert.ok(!plan.playbooks.some((playbook) => playbook.id === 'site_visitor_retargeting'));
  });

  it('connects every channel of the plan and reads its native analytics', () => {
    const plan = buildPlan(answers({ businessType: 'local', objectives: ['customer_service'] }));
    for (const channel of plan.channels)
      for (const id of ['connect_channel', 'native_analytics'])
        assert.ok(
          plan.tools.some((tool) => tool.id === id && tool.network === channel.network),
          `${id} ${channel.network}`,
        );
    assert.ok(plan.tools.some((tool) => tool.id === 'review_management'));
    assert.equal(plan.channels[0]!.network, 'google_business');
  });

  it('produces a plan that is plain JSON data', () => {
    const plan = buildPlan(answers());
    assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan);
  });

  it('refuses invalid answers, naming each field', () => {
    assert.throws(() => buildPlan(answers({ objectives: [] })), /objectives required/);
    const result = validatePlanAnswers({
      businessType: 'shop',
      size: 'sme',
      objectives: ['awareness', 'awareness', 'fame'],
      monthlyBudget: { amountMinor: 12.5, currency: 'euro' },
      channelsUsed: ['myspace'],
      advertisingPercent: 140,
    });
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors.map((error) => `${error.field} ${error.reason}`), [
      'businessType not_allowed',
      'language required',
      'objectives[1] duplicate',
      'objectives[2] not_allowed',
      'channelsUsed[0] not_allowed',
      'monthlyBudget.amountMinor invalid_type',
      'monthlyBudget.currency not_allowed',
      'advertisingPercent out_of_range',
    ]);
  });

  it('plans every combination of answers with valid targets', () => {
    for (const businessType of businessTypes)
      for (const size of businessSizes)
        for (const objective of plannableObjectives) {
          const plan = buildPlan(answers({ businessType, size, objectives: [objective] }));
          assert.equal(
            plan.channels.length,
            Math.min(channelCountBySize[size].count, channelDefaults[businessType].length),
          );
          const asStrategy = {
            objectives: plan.objectives.map((entry, index) => ({
              id: `o${index}`,
              kind: entry.kind,
              kpis: entry.kpis.map((kpi) => ({
                kpi: kpi.kpi,
                priority: kpi.priority,
                targets: [{ period: kpi.period, target: kpi.target }],
              })),
            })),
            personas: [],
            channels: [],
            pillars: [],
            editorialLine: defaultEditorialLine('en'),
          };
          assert.deepEqual(validateStrategy(asStrategy), [], `${businessType} ${size} ${objective}`);
        }
  });
});

describe('the defaults', () => {
  const bases: [string, Basis][] = [
    ...Object.entries(budgetSplitDefaults).map(([size, entry]): [string, Basis] => [`budget ${size}`, entry.basis]),
    ...Object.values(channelDefaults).flatMap((list) =>
      list.map((entry): [string, Basis] => [`channel ${entry.network}`, entry.basis]),
    ),
    ...Object.values(channelFallbacks).map((entry): [string, Basis] => [`fallback ${entry.network}`, entry.basis]),
    ...Object.entries(channelCountBySize).map(([size, entry]): [string, Basis] => [`count ${size}`, entry.basis]),
    ...Object.entries(frequencyScale).map(([size, entry]): [string, Basis] => [`frequency ${size}`, entry.basis]),
    ...allKpiDefaults.flat().map((entry): [string, Basis] => [`kpi ${entry.kpi}`, entry.basis]),
    ...toolDefaults.map((entry): [string, Basis] => [`tool ${entry.id}`, entry.basis]),
    ...playbookDefaults.map((entry): [string, Basis] => [`playbook ${entry.id}`, entry.basis]),
    ...improvementLoopDefaults.map((entry): [string, Basis] => [`loop ${entry.step}`, entry.basis]),
    ...[sponsoredMentionDefaults, adMentionDefaults].flatMap((entry) =>
      Object.entries(entry.basis).map(([language, basis]): [string, Basis] => [`mention ${language}`, basis]),
    ),
  ];

  it('give every entry a source or a reasoning', () => {
    assert.ok(bases.length > 50);
    for (const [name, basis] of bases)
      assert.ok((basis.source ?? '').trim().length > 10 || (basis.reasoning ?? '').trim().length > 10, name);
  });

  it('quote only sentences that are in the guide when they cite it', () => {
    // The guide's own words, as fromGuide() quotes them; a paraphrase presented as a quotation fails here.
    const guideQuotes = bases
      .map(([name, basis]) => [name, /^Guide SMM, [a-z_0-9]+: « (.*) »$/.exec(basis.source ?? '')?.[1]] as const)
      .filter((entry): entry is readonly [string, string] => entry[1] !== undefined);
    assert.ok(guideQuotes.length > 20);
    for (const [name, quote] of guideQuotes)
      for (const fragment of quote.split('(...)'))
        assert.ok(guideText.includes(fragment.trim()), `${name}: ${fragment}`);
  });

  it('recommend formats each network can publish', () => {
    const publishable: Record<string, string[]> = {
      instagram: ['image', 'carousel', 'reel', 'story'],
      facebook: ['text', 'link', 'image', 'multi_image', 'video'],
      tiktok: ['video', 'short', 'image', 'multi_image', 'carousel'],
      linkedin: ['text', 'image', 'multi_image', 'video', 'document', 'link'],
      youtube: ['video', 'short'],
      pinterest: ['pin', 'image', 'multi_image', 'carousel'],
      google_business: ['local_post', 'offer'],
      x: ['text', 'image', 'multi_image', 'video', 'thread', 'link'],
      threads: ['text', 'image', 'video', 'carousel', 'thread'],
      bluesky: ['text', 'image', 'multi_image', 'thread', 'link'],
      mastodon: ['text', 'image', 'multi_image', 'video', 'thread', 'link'],
    };
    for (const entry of [...Object.values(channelDefaults).flat(), ...Object.values(channelFallbacks)])
      for (const format of entry.formats)
        assert.ok(publishable[entry.network]!.includes(format.format), `${entry.network} ${format.format}`);
  });
});

/** The sentences of the guide that the defaults quote (seed-smm-guide-fr.txt, copied here: tests do not read /work/shared). */
const guideText = [
  'un e-commerçant programme des carrousels produit sur Instagram, des vidéos tutoriels sur TikTok et des posts sectoriels sur LinkedIn',
  'Production de contenus adaptés à chaque plateforme : formats natifs, messages, tonalité, visuels et CTA',
  'La planification intègre le calendrier éditorial, la fréquence, les temps forts commerciaux et les tests A/B',
  'Surveillance active des conversations, réponses aux commentaires, gestion des avis et animation des communautés',
  "L'écoute sociale permet d'identifier des signaux faibles (insatisfaction, opportunités de produit) et des crises potentielles",
  "Campagnes payantes (targeting démographique, centres d'intérêt, audiences similaires) pour amplifier la portée",
  'une campagne LinkedIn ciblée vers des postes décisionnaires pour une solution B2B, combinée à du retargeting via Meta pour capturer les visiteurs du site',
  'Suivi des KPI (portée, engagement, taux de clic, taux de conversion, CPA, ROI) et itérations basées sur les analyses',
  'relier performances sociales à des conversions métiers (inscriptions, ventes)',
  'Les outils fréquemment employés incluent les analytics natifs (Meta/Instagram Insights, LinkedIn Page Analytics, Twitter Analytics), les ad managers pour le paramétrage des campagnes',
  "séquence mixte - teasing organique (stories + UGC), publicité d'acquisition ciblée sur audiences lookalike et retargeting panier abandonné. KPI visés : taux de conversion 2-4%, coût par achat sous le seuil défini",
  "campagne LinkedIn Ads destinée aux décideurs, diffusion d'un livre blanc en landing page, suivi par emailing. KPI : CPL (coût par lead) et taux de qualification des leads",
  "surveillance des mentions, réponse centralisée via playbook, publication d'une communication transparente et mise en place d'un post-mortem",
  "Privilégier la cohérence éditoriale entre les canaux, mesurer régulièrement et documenter les apprentissages, et établir des seuils d'escalade pour la modération",
  "Allouer un budget équilibré entre contenu organique (production, community) et budget publicitaire selon l'objectif - pour une PME, une répartition initiale possible est 60% production/animation et 40% publicité, ajustée ensuite selon les performances mesurées",
  'règles de gouvernance (rôles, calendrier éditorial, politique de modération)',
  'La dépendance à des plateformes tierces impose une stratégie multi-canal et des sauvegardes de données (export des audiences, contenus et rapports)',
  "une boucle d'amélioration continue basée sur les performances réelles",
]
  .join('\n')
  // The defaults use the typographic apostrophe; the guide the straight one.
  .replaceAll("'", '’');

describe('a built plan', () => {
  it('shares nothing with the defaults nor between its parts: an edit in place changes only what was edited', () => {
    const first = buildPlan(answers());
    first.objectives[1]!.kpis[0]!.target = { kind: 'at_least', value: 0.5 };
    first.channels[0]!.basis.reasoning = 'edited';
    first.channels[0]!.formats[0]!.postsPerWeek = 40;
    assert.equal(first.channels[0]!.formats[1]!.basis.reasoning === 'edited', false);
    first.channels[0]!.formats[0]!.basis.reasoning = 'edited too';
    assert.notEqual(first.channels[0]!.formats[1]!.basis.reasoning, 'edited too');
    const second = buildPlan(answers());
    assert.deepEqual(second.objectives[1]!.kpis[0]!.target, { kind: 'between', min: 0.02, max: 0.04 });
    assert.equal(second.channels[0]!.basis.reasoning, undefined);
    assert.equal(second.channels[0]!.formats[0]!.postsPerWeek, 2);
  });
});
