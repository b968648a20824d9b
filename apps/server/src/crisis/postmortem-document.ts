import type { CrisisFigures, PeriodFigures } from './crisis-figures.ts';
import type { CrisisRecord, StatementRecord } from './crisis.repository.ts';

export type PostmortemLocale = 'fr' | 'en';

export type TimelineEntry = { at: Date; kind: string; detail: string | null };

type RoomData = {
  crisis: CrisisRecord;
  figures: CrisisFigures;
  events: { at: Date; kind: string; actorName: string | null; details: Record<string, unknown> }[];
  notes: { text: string; authorName: string | null; createdAt: Date }[];
  statements: StatementRecord[];
  firstAlertAt: Date | null;
};

/** The post-mortem's timeline: onset, first alert, opening, statements approved and published, pauses, closing. */
export function postmortemTimeline(room: RoomData): TimelineEntry[] {
  const entries: TimelineEntry[] = [{ at: room.crisis.onsetAt, kind: 'onset', detail: null }];
  if (room.firstAlertAt) entries.push({ at: room.firstAlertAt, kind: 'first_alert', detail: null });
  entries.push({ at: room.crisis.openedAt, kind: 'opened', detail: null });
  for (const statement of room.statements) {
    if (statement.decidedAt && statement.status !== 'rejected')
      entries.push({ at: statement.decidedAt, kind: 'statement_approved', detail: statement.decidedByName });
    if (statement.publishedAt) entries.push({ at: statement.publishedAt, kind: 'statement_published', detail: null });
  }
  for (const event of room.events)
    if (event.kind === 'publishing.paused' || event.kind === 'publishing.resumed')
      entries.push({
        at: event.at,
        kind: event.kind === 'publishing.paused' ? 'paused' : 'resumed',
        detail: event.actorName,
      });
  if (room.crisis.closedAt)
    entries.push({ at: room.crisis.closedAt, kind: 'closed', detail: room.crisis.closedByName });
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

const words = {
  en: {
    title: 'Post-mortem',
    severity: 'Severity',
    owner: 'Owner',
    query: 'Query followed',
    allMentions: 'every mention of the workspace',
    status: { open: 'open (report so far)', closed: 'closed' },
    timeline: 'Timeline',
    when: 'When (UTC)',
    what: 'What',
    kinds: {
      onset: 'Onset',
      first_alert: 'First alert',
      opened: 'Crisis opened',
      statement_approved: 'Holding statement approved',
      statement_published: 'Holding statement published',
      paused: 'Publishing paused',
      resumed: 'Publishing resumed',
      closed: 'Crisis closed',
    } as Record<string, string>,
    figures: 'Volume and sentiment',
    period: 'Period',
    mentions: 'Mentions',
    perHour: 'Per hour',
    negativeShare: 'Negative share',
    baseline: 'Baseline: 7 days before onset',
    sinceOnset: 'Since onset',
    lastHour: 'Last hour (recovery)',
    ratio: 'Volume ratio (per hour since onset / per hour in the baseline)',
    peak: 'Busiest hour since onset',
    definitions:
      'Mentions: mentions matched by the query (every mention of the workspace without a query), by publication time, ' +
      'in [from, to). Per hour: mentions / hours of the period. Negative share: negative mentions / mentions. ' +
      'Definitions in docs/metrics.md (Crisis figures).',
    hourly: 'Mentions per hour since onset',
    hourStart: 'Hour from',
    negative: 'Negative',
    statements: 'Holding statements',
    actions: 'Actions log',
    who: 'Who',
    notes: 'Team notes',
    summary: 'Summary',
    lessons: 'Lessons learned',
    none: 'None.',
    notYet: 'Not written yet (entered at closing).',
  },
  fr: {
    title: 'Retour d’expérience',
    severity: 'Gravité',
    owner: 'Responsable',
    query: 'Requête suivie',
    allMentions: 'toutes les mentions de l’espace',
    status: { open: 'ouverte (bilan provisoire)', closed: 'close' },
    timeline: 'Chronologie',
    when: 'Quand (UTC)',
    what: 'Quoi',
    kinds: {
      onset: 'Début',
      first_alert: 'Première alerte',
      opened: 'Crise ouverte',
      statement_approved: 'Déclaration d’attente approuvée',
      statement_published: 'Déclaration d’attente publiée',
      paused: 'Publications suspendues',
      resumed: 'Publications reprises',
      closed: 'Crise close',
    } as Record<string, string>,
    figures: 'Volume et tonalité',
    period: 'Période',
    mentions: 'Mentions',
    perHour: 'Par heure',
    negativeShare: 'Part négative',
    baseline: 'Référence : 7 jours avant le début',
    sinceOnset: 'Depuis le début',
    lastHour: 'Dernière heure (retour au calme)',
    ratio: 'Rapport de volume (par heure depuis le début / par heure pendant la référence)',
    peak: 'Heure la plus chargée depuis le début',
    definitions:
      'Mentions : mentions trouvées par la requête (toutes les mentions de l’espace sans requête), selon leur heure de ' +
      'publication, dans [début, fin). Par heure : mentions / heures de la période. Part négative : mentions ' +
      'négatives / mentions. Définitions dans docs/metrics.md (Crisis figures).',
    hourly: 'Mentions par heure depuis le début',
    hourStart: 'Heure à partir de',
    negative: 'Négatives',
    statements: 'Déclarations d’attente',
    actions: 'Journal des actions',
    who: 'Qui',
    notes: 'Notes de l’équipe',
    summary: 'Résumé',
    lessons: 'Enseignements',
    none: 'Aucune.',
    notYet: 'Pas encore rédigé (saisi à la clôture).',
  },
};

export type PostmortemBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; columns: string[]; rows: string[][] };

export type PostmortemDocument = { title: string; subtitle: string; blocks: PostmortemBlock[] };

const stamp = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')}`;

/** The translated post-mortem, as headings, paragraphs and tables for the PDF. */
export function postmortemDocument(room: RoomData, locale: PostmortemLocale): PostmortemDocument {
  const w = words[locale];
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = (value: number | null) =>
    value === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const { crisis, figures } = room;
  const periodRow = (label: string, period: PeriodFigures) => [
    label,
    `${stamp(period.from)} → ${stamp(period.to)}`,
    number.format(period.mentions),
    number.format(period.perHour),
    percent(period.negativeShare),
  ];
  const blocks: PostmortemBlock[] = [
    {
      kind: 'paragraph',
      text: [
        `${w.severity}: ${crisis.severity}`,
        `${w.owner}: ${crisis.ownerName ?? '—'}`,
        `${w.query}: ${crisis.queryName ?? w.allMentions}`,
        `${crisis.status === 'closed' ? w.status.closed : w.status.open}`,
      ].join(' · '),
    },
    { kind: 'heading', text: w.timeline },
    {
      kind: 'table',
      columns: [w.when, w.what, w.who],
      rows: postmortemTimeline(room).map((entry) => [
        stamp(entry.at),
        w.kinds[entry.kind] ?? entry.kind,
        entry.detail ?? '',
      ]),
    },
    { kind: 'heading', text: w.figures },
    {
      kind: 'table',
      columns: [w.period, '', w.mentions, w.perHour, w.negativeShare],
      rows: [
        periodRow(w.baseline, figures.baseline),
        periodRow(w.sinceOnset, figures.sinceOnset),
        periodRow(w.lastHour, figures.lastHour),
      ],
    },
    {
      kind: 'paragraph',
      text:
        `${w.ratio}: ${figures.volumeRatio === null ? '—' : number.format(figures.volumeRatio)}. ` +
        `${w.peak}: ${figures.peak ? `${stamp(figures.peak.start)} (${number.format(figures.peak.mentions)})` : '—'}.`,
    },
    { kind: 'paragraph', text: w.definitions },
    { kind: 'heading', text: w.hourly },
    {
      kind: 'table',
      columns: [w.hourStart, w.mentions, w.negative],
      rows: figures.hourly
        .slice(-48)
        .map((bucket) => [stamp(bucket.start), String(bucket.mentions), String(bucket.negative)]),
    },
    { kind: 'heading', text: w.statements },
    room.statements.length
      ? {
          kind: 'table',
          columns: [w.when, w.what, w.who],
          rows: room.statements.map((statement) => [
            stamp(statement.createdAt),
            `[${statement.status}] ${statement.text}`,
            statement.decidedByName ?? statement.createdByName ?? '',
          ]),
        }
      : { kind: 'paragraph', text: w.none },
    { kind: 'heading', text: w.actions },
    {
      kind: 'table',
      columns: [w.when, w.what, w.who],
      rows: room.events.map((event) => [stamp(event.at), event.kind, event.actorName ?? '']),
    },
    { kind: 'heading', text: w.notes },
    ...(room.notes.length
      ? room.notes.map((note): PostmortemBlock => ({
          kind: 'paragraph',
          text: `${stamp(note.createdAt)} — ${note.authorName ?? ''}: ${note.text}`,
        }))
      : [{ kind: 'paragraph' as const, text: w.none }]),
    { kind: 'heading', text: w.summary },
    { kind: 'paragraph', text: crisis.summary ?? w.notYet },
    { kind: 'heading', text: w.lessons },
    { kind: 'paragraph', text: crisis.lessons ?? w.notYet },
  ];
  return { title: `${w.title} — ${crisis.title}`, subtitle: `${stamp(crisis.onsetAt)} UTC`, blocks };
}
