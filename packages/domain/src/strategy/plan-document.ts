/**
 * The plan as a document: sections of headings, paragraphs, lists and tables, already translated. The
 * Markdown renderer walks it, and so will the PDF renderer of the server: both print the same words.
 */
import { currencyFractionDigits, type Money } from '../analytics/money.ts';
import type { Basis } from './defaults/basis.ts';
import type { KpiTarget, TargetPeriod } from './kpi-target.ts';
import { kpiDefinitions, type KpiId } from './kpis.ts';
import type { Plan, PlanObjective } from './plan.ts';
import { planTextEn } from './plan-text.en.ts';
import { planTextFr } from './plan-text.fr.ts';
import type { PlanLocale, PlanSectionId, PlanText } from './plan-text.ts';

export type PlanDocumentColumn = { label: string; align: 'left' | 'right' };

export type PlanDocumentBlock =
  | { kind: 'heading'; level: 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; columns: PlanDocumentColumn[]; rows: string[][] };

export type PlanDocumentSection = { id: PlanSectionId; title: string; blocks: PlanDocumentBlock[] };

/** A translated, laid-out plan: a title and sections, each with a level-2 title and its blocks. */
export type PlanDocument = { locale: PlanLocale; title: string; sections: PlanDocumentSection[] };

const catalogs: Record<PlanLocale, PlanText> = { fr: planTextFr, en: planTextEn };

/**
 * The catalog of a locale, for other renderers that need the same words.
 * @example planText('fr').sections.budget // 'Répartition du budget'
 */
export function planText(locale: PlanLocale): PlanText {
  return catalogs[locale];
}

type Formatters = {
  percent: (ratio: number) => string;
  money: (money: Money) => string;
  number: (value: number) => string;
};

function formatters(locale: PlanLocale): Formatters {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    percent: (ratio) => percent.format(ratio),
    number: (value) => number.format(value),
    money: (money) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(
        money.amountMinor / 10 ** currencyFractionDigits(money.currency),
      ),
  };
}

function formatKpiValue(kpi: KpiId, value: number, currency: string, text: PlanText, format: Formatters): string {
  switch (kpiDefinitions[kpi].unit) {
    case 'ratio':
      return format.percent(value);
    case 'money':
      return format.money({ amountMinor: value, currency });
    case 'minutes':
      return value % 60 === 0 ? text.hours(format.number(value / 60)) : text.minutes(format.number(value));
    case 'multiple':
      return `${format.number(value)}×`;
    case 'count':
      return format.number(value);
  }
}

function formatTarget(kpi: KpiId, target: KpiTarget, currency: string, text: PlanText, format: Formatters): string {
  const value = (amount: number) => formatKpiValue(kpi, amount, currency, text, format);
  switch (target.kind) {
    case 'between':
      return text.targets.between(value(target.min), value(target.max));
    case 'at_least':
      return text.targets.atLeast(value(target.value));
    case 'at_most':
      return text.targets.atMost(value(target.value));
    case 'improve_on_baseline':
      return text.targets.improve(format.percent(target.change));
    case 'to_set':
      return text.targets.toSet[target.hint];
  }
}

function formatPeriod(period: TargetPeriod, text: PlanText): string {
  return period.kind === 'recurring'
    ? text.periods.recurring[period.cadence]
    : text.periods.range(period.from, period.to);
}

function formatBasis(basis: Basis, text: PlanText): string {
  if (basis.source === undefined) return text.basis.sillageDefault;
  return basis.guideSection ? text.basis.guide(text.guideSections[basis.guideSection]) : basis.source;
}

function objectiveTitle(objective: PlanObjective, text: PlanText): string {
  return objective.kind === 'custom' && objective.label ? objective.label : text.objectives[objective.kind];
}

function objectivesSection(plan: Plan, text: PlanText, format: Formatters): PlanDocumentBlock[] {
  const currency = plan.budget.monthly.currency;
  return plan.objectives.flatMap((objective): PlanDocumentBlock[] => [
    { kind: 'heading', level: 3, text: objectiveTitle(objective, text) },
    objective.kpis.length === 0
      ? { kind: 'paragraph', text: text.noObjectiveKpis }
      : {
          kind: 'table',
          columns: [
            { label: text.columns.priority, align: 'right' },
            { label: text.columns.kpi, align: 'left' },
            { label: text.columns.target, align: 'left' },
            { label: text.columns.period, align: 'left' },
            { label: text.columns.basis, align: 'left' },
          ],
          rows: [...objective.kpis]
            .sort((a, b) => a.priority - b.priority)
            .map((entry) => [
              String(entry.priority),
              text.kpis[entry.kpi],
              formatTarget(entry.kpi, entry.target, currency, text, format),
              formatPeriod(entry.period, text),
              formatBasis(entry.basis, text),
            ]),
        },
  ]);
}

function channelsSection(plan: Plan, text: PlanText): PlanDocumentBlock[] {
  return plan.channels.flatMap((channel): PlanDocumentBlock[] => [
    { kind: 'heading', level: 3, text: text.channelHeading(text.networks[channel.network], channel.postsPerWeek) },
    {
      kind: 'paragraph',
      text: [
        text.channelRoles(channel.roles.map((role) => text.roles[role]).join(', ')),
        channel.alreadyUsed ? text.channelStatus.alreadyUsed : text.channelStatus.toOpen,
        text.basisLine(formatBasis(channel.basis, text)),
      ].join(' '),
    },
    {
      kind: 'table',
      columns: [
        { label: text.columns.format, align: 'left' },
        { label: text.columns.content, align: 'left' },
        { label: text.columns.postsPerWeek, align: 'right' },
      ],
      rows: channel.formats.map((format) => [
        text.formats[format.format],
        text.contents[format.content],
        String(format.postsPerWeek),
      ]),
    },
  ]);
}

function budgetSection(plan: Plan, text: PlanText, format: Formatters): PlanDocumentBlock[] {
  return [
    {
      kind: 'table',
      columns: [
        { label: text.columns.category, align: 'left' },
        { label: text.columns.share, align: 'right' },
        { label: text.columns.monthlyAmount, align: 'right' },
        { label: text.columns.basis, align: 'left' },
      ],
      rows: [
        ...plan.budget.lines.map((line) => [
          text.budgetCategories[line.category],
          format.percent(line.percent / 100),
          format.money(line.amount),
          formatBasis(line.basis, text),
        ]),
        [text.total, format.percent(1), format.money(plan.budget.monthly), ''],
      ],
    },
  ];
}

function toolsSection(plan: Plan, text: PlanText): PlanDocumentBlock[] {
  return [
    {
      kind: 'table',
      columns: [
        { label: text.columns.tool, align: 'left' },
        { label: text.columns.channel, align: 'left' },
        { label: text.columns.providedBy, align: 'left' },
        { label: text.columns.basis, align: 'left' },
      ],
      rows: plan.tools.map((tool) => [
        text.tools[tool.id],
        tool.network ? text.networks[tool.network] : text.notNetworkSpecific,
        text.providers[tool.provider],
        formatBasis(tool.basis, text),
      ]),
    },
  ];
}

function playbooksSection(plan: Plan, text: PlanText): PlanDocumentBlock[] {
  return plan.playbooks.flatMap((playbook): PlanDocumentBlock[] => [
    { kind: 'heading', level: 3, text: text.playbooks[playbook.id] },
    { kind: 'list', ordered: true, items: playbook.steps.map((step) => text.steps[step]) },
    { kind: 'paragraph', text: text.playbookKpis(playbook.kpis.map((kpi) => text.kpis[kpi]).join(', ')) },
  ]);
}

function loopSection(plan: Plan, text: PlanText): PlanDocumentBlock[] {
  return [
    {
      kind: 'table',
      columns: [
        { label: text.columns.when, align: 'left' },
        { label: text.columns.action, align: 'left' },
        { label: text.columns.basis, align: 'left' },
      ],
      rows: plan.improvementLoop.map((entry) => [
        text.cadences[entry.cadence],
        text.loopSteps[entry.step],
        formatBasis(entry.basis, text),
      ]),
    },
  ];
}

/**
 * Lays out and translates a plan; walk the result with `renderMarkdown` or a PDF renderer.
 * @example planDocument(plan, 'fr').sections.map((section) => section.id) // ['summary', 'objectives', 'channels', 'budget', 'tools', 'playbooks', 'improvement_loop', 'sources']
 */
export function planDocument(plan: Plan, locale: PlanLocale): PlanDocument {
  const text = catalogs[locale];
  const format = formatters(locale);
  const answers = plan.answers;
  const section = (id: PlanSectionId, blocks: PlanDocumentBlock[]): PlanDocumentSection => ({
    id,
    title: text.sections[id],
    blocks,
  });
  const summary = text.summary({
    business: text.businessTypes[answers.businessType],
    size: text.sizes[answers.size],
    budget: format.money(plan.budget.monthly),
    objectives: plan.objectives.map((objective) => objectiveTitle(objective, text)).join(', '),
    language: text.languages[answers.language],
  });
  return {
    locale,
    title: text.title,
    sections: [
      section(
        'summary',
        summary.map((paragraph) => ({ kind: 'paragraph', text: paragraph })),
      ),
      section('objectives', objectivesSection(plan, text, format)),
      section('channels', channelsSection(plan, text)),
      section('budget', budgetSection(plan, text, format)),
      section('tools', toolsSection(plan, text)),
      section('playbooks', playbooksSection(plan, text)),
      section('improvement_loop', loopSection(plan, text)),
      section('sources', [
        { kind: 'paragraph', text: text.sourcesIntro },
        { kind: 'paragraph', text: text.sillageDefaultExplained },
      ]),
    ],
  };
}
