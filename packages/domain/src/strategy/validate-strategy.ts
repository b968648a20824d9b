/**
 * Zod-free validation of a strategy (the domain has no runtime dependencies): every problem, with the path
 * of its field and a reason code, so the UI can point at it and say what to do.
 */
import { networkIds } from '../publishing/networks.ts';
import { errorSink, isNonEmptyString, isRecord, type ErrorSink, type StrategyFieldError } from './field-error.ts';
import { validateKpiTarget, validateTargetPeriod } from './kpi-target.ts';
import { isKpiId, kpiIds } from './kpis.ts';
import { channelRoles, contentLanguages, objectiveKinds } from './strategy.ts';

function list(value: unknown, field: string, report: ErrorSink): unknown[] {
  if (Array.isArray(value)) return value;
  report(field, value === undefined ? 'required' : 'invalid_type', { expected: 'array' });
  return [];
}

function strings(value: unknown, field: string, report: ErrorSink, options: { unique?: boolean } = {}): string[] {
  const items = list(value, field, report);
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (!isNonEmptyString(item)) return report(`${field}[${index}]`, 'required');
    const key = item.trim().toLocaleLowerCase();
    if (options.unique && seen.has(key)) report(`${field}[${index}]`, 'duplicate', { value: item });
    seen.add(key);
  });
  return items.filter(isNonEmptyString);
}

function oneOf(value: unknown, allowed: readonly string[], field: string, report: ErrorSink): void {
  if (!allowed.includes(value as string)) report(field, 'not_allowed', { allowed: allowed.join(', ') });
}

/** Collects the `id`s of a list, reporting missing and duplicate ones. */
function ids(items: unknown[], field: string, report: ErrorSink): Set<string> {
  const found = new Set<string>();
  items.forEach((item, index) => {
    const id = isRecord(item) ? item.id : undefined;
    if (!isNonEmptyString(id)) return report(`${field}[${index}].id`, 'required');
    if (found.has(id)) report(`${field}[${index}].id`, 'duplicate', { value: id });
    found.add(id);
  });
  return found;
}

function validateObjective(objective: unknown, field: string, report: ErrorSink): void {
  if (!isRecord(objective)) return report(field, 'invalid_type', { expected: 'object' });
  oneOf(objective.kind, objectiveKinds, `${field}.kind`, report);
  if (objective.kind === 'custom' && !isNonEmptyString(objective.label)) report(`${field}.label`, 'required');
  const kpis = list(objective.kpis, `${field}.kpis`, report);
  const seenKpis = new Set<string>();
  const priorities = new Set<number>();
  kpis.forEach((entry, index) => {
    const at = `${field}.kpis[${index}]`;
    if (!isRecord(entry)) return report(at, 'invalid_type', { expected: 'object' });
    if (!isKpiId(entry.kpi)) return report(`${at}.kpi`, 'not_allowed', { allowed: kpiIds.join(', ') });
    if (seenKpis.has(entry.kpi)) report(`${at}.kpi`, 'duplicate', { value: entry.kpi });
    seenKpis.add(entry.kpi);
    if (!Number.isInteger(entry.priority) || (entry.priority as number) < 1)
      report(`${at}.priority`, 'out_of_range', { min: 1, max: kpis.length });
    else if (priorities.has(entry.priority as number))
      report(`${at}.priority`, 'duplicate', { value: entry.priority as number });
    else priorities.add(entry.priority as number);
    const kpi = entry.kpi;
    list(entry.targets, `${at}.targets`, report).forEach((periodTarget, targetIndex) => {
      const targetAt = `${at}.targets[${targetIndex}]`;
      if (!isRecord(periodTarget)) return report(targetAt, 'invalid_type', { expected: 'object' });
      validateTargetPeriod(periodTarget.period, `${targetAt}.period`, report);
      validateKpiTarget(kpi, periodTarget.target, `${targetAt}.target`, report);
    });
  });
}

function validatePersona(persona: unknown, field: string, report: ErrorSink): void {
  if (!isRecord(persona)) return report(field, 'invalid_type', { expected: 'object' });
  if (!isNonEmptyString(persona.name)) report(`${field}.name`, 'required');
  const demographics = persona.demographics;
  if (!isRecord(demographics)) report(`${field}.demographics`, 'invalid_type', { expected: 'object' });
  else {
    for (const key of ['ageMin', 'ageMax'] as const) {
      const age = demographics[key];
      if (age !== undefined && (!Number.isInteger(age) || (age as number) < 13 || (age as number) > 120))
        report(`${field}.demographics.${key}`, 'out_of_range', { min: 13, max: 120 });
    }
    if (
      typeof demographics.ageMin === 'number' &&
      typeof demographics.ageMax === 'number' &&
      demographics.ageMin > demographics.ageMax
    )
      report(`${field}.demographics`, 'inverted_range');
    if (demographics.locations !== undefined)
      strings(demographics.locations, `${field}.demographics.locations`, report);
    if (demographics.occupations !== undefined)
      strings(demographics.occupations, `${field}.demographics.occupations`, report);
  }
  strings(persona.interests, `${field}.interests`, report);
  strings(persona.pains, `${field}.pains`, report);
  list(persona.networks, `${field}.networks`, report).forEach((network, index) =>
    oneOf(network, networkIds, `${field}.networks[${index}]`, report),
  );
}

/**
 * Checks an editorial line; `field` prefixes the paths (default `editorialLine`).
 * @example validateEditorialLine({ ...line, bannedTerms: [{ term: '', severity: 'block' }] }) // [{ field: 'editorialLine.bannedTerms[0].term', reason: 'required' }]
 */
export function validateEditorialLine(line: unknown, field = 'editorialLine'): StrategyFieldError[] {
  const errors: StrategyFieldError[] = [];
  const report = errorSink(errors);
  if (!isRecord(line)) {
    report(field, line === undefined ? 'required' : 'invalid_type', { expected: 'object' });
    return errors;
  }
  if (!isRecord(line.tone)) report(`${field}.tone`, 'required');
  else {
    strings(line.tone.traits, `${field}.tone.traits`, report, { unique: true });
    if (line.tone.address !== undefined)
      oneOf(line.tone.address, ['informal', 'formal'], `${field}.tone.address`, report);
  }
  strings(line.wordsToUse, `${field}.wordsToUse`, report, { unique: true });
  const terms = new Set<string>();
  const checkTerm = (term: unknown, at: string) => {
    if (!isNonEmptyString(term)) return report(at, 'required');
    const key = term.trim().toLocaleLowerCase();
    if (terms.has(key)) report(at, 'duplicate', { value: term });
    terms.add(key);
  };
  list(line.wordsToAvoid, `${field}.wordsToAvoid`, report).forEach((entry, index) => {
    const at = `${field}.wordsToAvoid[${index}]`;
    if (!isRecord(entry)) return report(at, 'invalid_type', { expected: 'object' });
    checkTerm(entry.term, `${at}.term`);
  });
  list(line.bannedTerms, `${field}.bannedTerms`, report).forEach((entry, index) => {
    const at = `${field}.bannedTerms[${index}]`;
    if (!isRecord(entry)) return report(at, 'invalid_type', { expected: 'object' });
    checkTerm(entry.term, `${at}.term`);
    oneOf(entry.severity, ['block', 'warn'], `${at}.severity`, report);
  });
  const mentions = line.mandatoryMentions;
  if (!isRecord(mentions)) report(`${field}.mandatoryMentions`, 'required');
  else
    for (const kind of ['sponsored', 'ad'] as const) {
      const perLanguage = mentions[kind];
      if (!isRecord(perLanguage)) {
        report(`${field}.mandatoryMentions.${kind}`, 'required');
        continue;
      }
      for (const language of contentLanguages) {
        const at = `${field}.mandatoryMentions.${kind}.${language}`;
        // A language without any accepted mention would make every sponsored post or ad unapprovable.
        if (
          strings(perLanguage[language], at, report, { unique: true }).length === 0 &&
          Array.isArray(perLanguage[language])
        )
          report(at, 'required');
      }
    }
  strings(line.gdprNotes, `${field}.gdprNotes`, report);
  return errors;
}

/**
 * Checks a whole strategy: shapes, known KPIs and networks, unique ids, references between objectives,
 * personas, channels and pillars, and target ranges in each KPI's unit. An empty list means valid.
 * @example validateStrategy(strategy).length === 0
 */
export function validateStrategy(strategy: unknown): StrategyFieldError[] {
  const errors: StrategyFieldError[] = [];
  const report = errorSink(errors);
  if (!isRecord(strategy)) {
    report('', 'invalid_type', { expected: 'object' });
    return errors;
  }
  const objectives = list(strategy.objectives, 'objectives', report);
  const objectiveIds = ids(objectives, 'objectives', report);
  objectives.forEach((objective, index) => validateObjective(objective, `objectives[${index}]`, report));

  const personas = list(strategy.personas, 'personas', report);
  const personaIds = ids(personas, 'personas', report);
  personas.forEach((persona, index) => validatePersona(persona, `personas[${index}]`, report));

  const seenNetworks = new Set<string>();
  list(strategy.channels, 'channels', report).forEach((channel, index) => {
    const at = `channels[${index}]`;
    if (!isRecord(channel)) return report(at, 'invalid_type', { expected: 'object' });
    oneOf(channel.network, networkIds, `${at}.network`, report);
    if (seenNetworks.has(channel.network as string))
      report(`${at}.network`, 'duplicate', { value: channel.network as string });
    seenNetworks.add(channel.network as string);
    const roles = list(channel.roles, `${at}.roles`, report);
    if (Array.isArray(channel.roles) && roles.length === 0) report(`${at}.roles`, 'required');
    roles.forEach((role, roleIndex) => oneOf(role, channelRoles, `${at}.roles[${roleIndex}]`, report));
    if (!isNonEmptyString(channel.valueProposition)) report(`${at}.valueProposition`, 'required');
    list(channel.personaIds, `${at}.personaIds`, report).forEach((id, idIndex) => {
      if (!personaIds.has(id as string))
        report(`${at}.personaIds[${idIndex}]`, 'unknown_reference', { value: String(id) });
    });
  });

  const pillars = list(strategy.pillars, 'pillars', report);
  ids(pillars, 'pillars', report);
  let shareTotal = 0;
  let withShare = 0;
  pillars.forEach((pillar, index) => {
    const at = `pillars[${index}]`;
    if (!isRecord(pillar)) return report(at, 'invalid_type', { expected: 'object' });
    if (!isNonEmptyString(pillar.name)) report(`${at}.name`, 'required');
    list(pillar.objectiveIds, `${at}.objectiveIds`, report).forEach((id, idIndex) => {
      if (!objectiveIds.has(id as string))
        report(`${at}.objectiveIds[${idIndex}]`, 'unknown_reference', { value: String(id) });
    });
    if (pillar.sharePercent === undefined) return;
    if (typeof pillar.sharePercent !== 'number' || pillar.sharePercent < 0 || pillar.sharePercent > 100)
      return report(`${at}.sharePercent`, 'out_of_range', { min: 0, max: 100 });
    shareTotal += pillar.sharePercent;
    withShare += 1;
  });
  if (withShare > 0 && withShare === pillars.length && Math.abs(shareTotal - 100) > 1e-9)
    report('pillars', 'not_summing_to_100', { total: shareTotal });

  errors.push(...validateEditorialLine(strategy.editorialLine));
  return errors;
}
