import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultEditorialLine } from './defaults/editorial-line.ts';
import type { Strategy } from './strategy.ts';
import { validateEditorialLine, validateStrategy } from './validate-strategy.ts';

function strategy(): Strategy {
  return {
    objectives: [
      {
        id: 'obj-acquisition',
        kind: 'acquisition',
        kpis: [
          {
            kpi: 'conversion_rate',
            priority: 1,
            targets: [
              { period: { kind: 'recurring', cadence: 'month' }, target: { kind: 'between', min: 0.02, max: 0.04 } },
            ],
          },
          {
            kpi: 'cpa',
            priority: 2,
            targets: [
              {
                period: { kind: 'range', from: '2027-01-01', to: '2027-03-31' },
                target: { kind: 'at_most', value: 2500 },
              },
            ],
          },
        ],
      },
      { id: 'obj-custom', kind: 'custom', label: 'Recruter des ambassadeurs', kpis: [] },
    ],
    personas: [
      {
        id: 'persona-claire',
        name: 'Claire, 34 ans',
        demographics: { ageMin: 28, ageMax: 40, locations: ['Lyon'] },
        interests: ['décoration'],
        pains: ['manque de temps'],
        networks: ['instagram', 'pinterest'],
      },
    ],
    channels: [
      {
        network: 'instagram',
        roles: ['product_discovery'],
        valueProposition: 'Les nouveautés en avant-première',
        personaIds: ['persona-claire'],
      },
    ],
    pillars: [
      {
        id: 'pillar-products',
        name: 'Produits',
        description: 'Nouveautés',
        objectiveIds: ['obj-acquisition'],
        sharePercent: 60,
      },
      { id: 'pillar-tips', name: 'Conseils', description: 'Astuces', objectiveIds: ['obj-custom'], sharePercent: 40 },
    ],
    editorialLine: { ...defaultEditorialLine('fr'), bannedTerms: [{ term: 'arnaque', severity: 'block' }] },
  };
}

const fields = (errors: { field: string; reason: string }[]) => errors.map((error) => `${error.field} ${error.reason}`);

describe('validateStrategy', () => {
  it('accepts a complete strategy', () => {
    assert.deepEqual(validateStrategy(strategy()), []);
  });

  it('names each bad field of the objectives with its reason', () => {
    const bad = strategy() as unknown as { objectives: Record<string, unknown>[] };
    bad.objectives[1]!.label = ' ';
    bad.objectives.push({ id: 'obj-acquisition', kind: 'growth', kpis: [{ kpi: 'likes', priority: 1, targets: [] }] });
    const kpis = bad.objectives[0]!.kpis as Record<string, unknown>[];
    kpis[1]!.priority = 1;
    kpis[0]!.targets = [
      { period: { kind: 'recurring', cadence: 'day' }, target: { kind: 'between', min: 0.05, max: 1.5 } },
      { period: { kind: 'range', from: '2027-02-30', to: '2027-01-01' }, target: { kind: 'at_least', value: 0.03 } },
    ];
    (kpis[1]!.targets as { target: unknown }[])[0]!.target = { kind: 'at_most', value: 25.5 };
    assert.deepEqual(fields(validateStrategy(bad)), [
      'objectives[2].id duplicate',
      'objectives[0].kpis[0].targets[0].period.cadence not_allowed',
      'objectives[0].kpis[0].targets[0].target.max out_of_range',
      'objectives[0].kpis[0].targets[1].period.from invalid_date',
      'objectives[0].kpis[1].priority duplicate',
      'objectives[0].kpis[1].targets[0].target.value invalid_type',
      'objectives[1].label required',
      'objectives[2].kind not_allowed',
      'objectives[2].kpis[0].kpi not_allowed',
    ]);
  });

  it('reports an inverted range and a period ending before it starts', () => {
    const bad = strategy();
    bad.objectives[0]!.kpis[0]!.targets = [
      {
        period: { kind: 'range', from: '2027-03-01', to: '2027-01-01' },
        target: { kind: 'between', min: 0.04, max: 0.02 },
      },
    ];
    assert.deepEqual(fields(validateStrategy(bad)), [
      'objectives[0].kpis[0].targets[0].period inverted_range',
      'objectives[0].kpis[0].targets[0].target inverted_range',
    ]);
  });

  it('checks references between channels, personas, pillars and objectives, and pillar shares', () => {
    const bad = strategy();
    bad.channels[0]!.personaIds = ['persona-unknown'];
    bad.pillars[1]!.objectiveIds = ['obj-missing'];
    bad.pillars[1]!.sharePercent = 30;
    const errors = validateStrategy(bad);
    assert.deepEqual(fields(errors), [
      'channels[0].personaIds[0] unknown_reference',
      'pillars[1].objectiveIds[0] unknown_reference',
      'pillars not_summing_to_100',
    ]);
    assert.deepEqual(errors[2]!.params, { total: 90 });
  });

  it('checks personas: age range, networks', () => {
    const bad = strategy() as unknown as { personas: Record<string, unknown>[] };
    bad.personas[0]!.demographics = { ageMin: 50, ageMax: 30 };
    bad.personas[0]!.networks = ['myspace'];
    assert.deepEqual(fields(validateStrategy(bad)), [
      'personas[0].demographics inverted_range',
      'personas[0].networks[0] not_allowed',
    ]);
  });
});

describe('validateEditorialLine', () => {
  it('refuses empty and duplicate terms, unknown severities and a language without mandatory mention', () => {
    const line = {
      ...defaultEditorialLine('en'),
      bannedTerms: [
        { term: 'Scam', severity: 'block' },
        { term: 'scam', severity: 'warn' },
        { term: '', severity: 'never' },
      ],
      mandatoryMentions: { sponsored: { fr: ['Publicité'], en: [] }, ad: { fr: ['Publicité'], en: ['Ad'] } },
    };
    assert.deepEqual(fields(validateEditorialLine(line)), [
      'editorialLine.bannedTerms[1].term duplicate',
      'editorialLine.bannedTerms[2].term required',
      'editorialLine.bannedTerms[2].severity not_allowed',
      'editorialLine.mandatoryMentions.sponsored.en required',
    ]);
  });

  it('accepts the default line in both languages', () => {
    assert.deepEqual(validateEditorialLine(defaultEditorialLine('fr')), []);
    assert.deepEqual(validateEditorialLine(defaultEditorialLine('en')), []);
  });
});
