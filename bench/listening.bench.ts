// Listening: query matching. 1,000 realistic queries (seeded) against 200,000 synthetic French and English
// mentions, on one core: the compiled matcher (one shared index, then only the queries whose terms occurred)
// against the naive way (every query evaluated on every mention, the mention tokenized once), and the whole
// path of a mention: enrichment (language + sentiment) then matching, through `enrichAndMatch`, the function the
// server's ingestion calls for each mention; then the same plus the near-duplicate key (all it does before storing).
//   npm run bench -- listening
// Environment: BENCH_MENTIONS (200000), BENCH_QUERIES (1000), BENCH_NAIVE_MENTIONS (2000: the naive matcher
// runs on this many mentions and its rate is extrapolated), BENCH_REPEATS (3: passes over the corpus, the fastest counts), BENCH_SEED (20261128).
// Storage: the first BENCH_STORE_MENTIONS (100000; 0 skips it) mentions go through the server's ingestion pipeline
// into PostgreSQL, in batches of BENCH_STORE_BATCH (5000). BENCH_DATABASE_URL (or TEST_DATABASE_URL; default
// postgres://postgres@127.0.0.1:5432/test) names the server: a database sillage_bench_listening is (re)created on it.
// BENCH_DEMO_ALERTS=0 skips the crisis-alert check on the demo stream (for quick iterations on the figures above).
import { cpus, loadavg } from 'node:os';
import { measureDemoAlerts } from './lib/listening-demo-alerts.ts';
import { measureStorage, type StorageFigures } from './lib/listening-storage.ts';
import { enrichAndMatch, type IncomingMention } from '../apps/server/src/listening/mention-ingestion.ts';
import { nearDuplicateKey } from '../apps/server/src/listening/near-duplicate-key.ts';
import {
  compileQueries,
  createTextAnalyzer,
  matchesPreparedMention,
  parseQuery,
  prepareMention,
  type ListeningMention,
  type QueryNode,
} from '@sillage/domain';

/** mulberry32. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Brand = { name: string; tag: string; handle: string };

const fixedBrands: Brand[] = [
  { name: 'Maison Lumière', tag: 'maisonlumiere', handle: 'maisonlumiere' },
  { name: 'Bougies Aurore', tag: 'bougiesaurore', handle: 'aurore_bougies' },
  { name: 'Cirelle', tag: 'cirelle', handle: 'cirelle_paris' },
];
const syllables = [
  'lu',
  'mi',
  'ra',
  'bel',
  'cor',
  'va',
  'nel',
  'sa',
  'tor',
  'fi',
  'len',
  'do',
  'ma',
  'ris',
  'quo',
  'zen',
];
const brandWords = ['Maison', 'Atelier', 'Studio', 'Les Ateliers', 'Comptoir', 'House of', 'Ô', ''];

const products = {
  fr: ['bougie', 'bougies', 'parfum', 'diffuseur', 'senteur', 'cire', 'mèche', 'coffret', 'brume', 'savon', 'galet'],
  en: ['candle', 'candles', 'scent', 'diffuser', 'fragrance', 'wax', 'wick', 'gift set', 'room spray', 'soap'],
};
const complaints = {
  fr: ['retard', 'cassée', 'remboursement', 'arnaque', 'déçue', 'décevant', 'livraison', 'colis', 'service client'],
  en: ['late', 'broken', 'refund', 'scam', 'disappointed', 'delivery', 'parcel', 'customer service', 'never arrived'],
};
const praise = {
  fr: ['magnifique', 'adore', 'sublime', 'parfait', 'cadeau', 'génial', 'top'],
  en: ['love', 'gorgeous', 'perfect', 'amazing', 'gift', 'cozy', 'great'],
};
const exclusions = ['concours', 'giveaway', 'promo', 'code promo', 'jeu concours', 'recrute', 'hiring', 'bot'];
const fillers = {
  fr: "je tu il on nous vous ils le la les un une des du de à au avec pour sans sur dans mais donc car très trop plus moins vraiment encore déjà toujours jamais hier aujourd'hui demain ce soir maison salon chambre odeur lumière doux chaud hiver noël week-end commande reçu acheté essayé trouvé boutique site marché ville paris lyon bordeaux c'est j'ai qu'il l'odeur d'hiver n'est pas".split(
    ' ',
  ),
  en: "i you he she we they the a an of to in on with for without but so because very too more less really still already always never yesterday today tomorrow tonight home living room bedroom smell light soft warm winter christmas weekend order received bought tried found shop website market city london new york it's i've don't can't isn't the smell".split(
    ' ',
  ),
};
const emoji = ['😍', '🔥', '🕯️', '😡', '👎🏽', '❤️', '✨', '😭', '🙏'];
const sources = ['x', 'bluesky', 'mastodon', 'reddit', 'youtube', 'rss', 'reviews'];

type BenchQuery = { id: string; query: string };

function createCorpus(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (probability: number) => random() < probability;

  const brands: Brand[] = [...fixedBrands];
  while (brands.length < 400) {
    const core = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(syllables)).join('');
    const capitalized = core.charAt(0).toUpperCase() + core.slice(1);
    const prefix = pick(brandWords);
    const name = prefix ? `${prefix} ${capitalized}` : capitalized;
    if (brands.some((brand) => brand.tag === core)) continue;
    brands.push({ name, tag: core, handle: `${core}${chance(0.5) ? '_officiel' : ''}` });
  }

  const anyLanguage = () => (chance(0.6) ? 'fr' : 'en');
  const core = (brand: Brand) => brand.name.split(' ').pop()!.toLowerCase();
  const stem = (word: string) => (word.length > 5 ? `${word.slice(0, Math.max(4, word.length - 2))}*` : word);
  const orGroup = (terms: string[]) =>
    `(${terms.map((term) => (term.includes(' ') ? `"${term}"` : term)).join(' OR ')})`;

  const templates: ((brand: Brand) => string)[] = [
    (brand) => `"${brand.name}" OR #${brand.tag} OR @${brand.handle}`,
    (brand) =>
      `("${brand.name}" OR #${brand.tag}) AND ${orGroup([stem(pick(products.fr)), pick(products.en)])} NOT ${orGroup([pick(exclusions), pick(exclusions)])}`,
    (brand) => {
      const language = anyLanguage();
      return `"${brand.name}" NEAR/5 ${orGroup([pick(complaints[language]), stem(pick(complaints[language])), pick(complaints[language])])} lang:${language}`;
    },
    (brand) => `${core(brand)} NEAR/3 ${orGroup([pick(products.fr), pick(products.en), stem(pick(products.fr))])}`,
    (brand) => `(#${brand.tag} OR "${brand.name}") source:${pick(sources)}`,
    (brand) => `@${brand.handle} -author:${brand.handle}`,
    (brand) =>
      `(${stem(pick(products.fr))} NEAR/2 ${orGroup(complaints.fr.slice(0, 4))}) AND (${core(brand)} OR #${brand.tag}) country:FR`,
    (brand) =>
      `"${brand.name}" ${orGroup([pick(praise.fr), pick(praise.en), pick(emoji)])} -${pick(exclusions).split(' ')[0]}`,
  ];

  function queries(count: number): BenchQuery[] {
    const result: BenchQuery[] = [];
    // A few catch-all queries with no required term: the matcher must evaluate them on every mention.
    result.push({ id: 'reviews-not-en', query: 'source:reviews -lang:en' });
    result.push({ id: 'fr-not-spam', query: 'lang:fr country:FR NOT (concours OR giveaway OR promo)' });
    while (result.length < count) result.push({ id: `q${result.length}`, query: pick(templates)(pick(brands)) });
    return result;
  }

  function sentence(language: 'fr' | 'en', brand: Brand | undefined): string {
    const parts: string[] = [];
    const length = 8 + Math.floor(random() * 22);
    for (let index = 0; index < length; index += 1) {
      const roll = random();
      if (roll < 0.6) parts.push(pick(fillers[language]));
      else if (roll < 0.72) parts.push(pick(products[language]));
      else if (roll < 0.8) parts.push(pick(complaints[language]));
      else if (roll < 0.87) parts.push(pick(praise[language]));
      else if (roll < 0.9) parts.push(pick(emoji));
      else if (roll < 0.92) parts.push(pick(exclusions));
      else parts.push(pick(fillers[language]) + pick([',', '.', ' !', ' ?', '...']));
    }
    if (brand) {
      const spelled = chance(0.3)
        ? brand.name.toUpperCase()
        : chance(0.5)
          ? brand.name
          : brand.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      parts.splice(
        Math.floor(random() * parts.length),
        0,
        pick([spelled, `#${brand.tag}`, `@${brand.handle}`, spelled]),
      );
    }
    if (chance(0.25)) parts.push(`#${pick(products[language]).replace(' ', '')}`);
    if (chance(0.15)) parts.push(`https://example.com/${pick(syllables)}${Math.floor(random() * 1000)}?utm_source=x`);
    return parts.join(' ');
  }

  function mentions(count: number): ListeningMention[] {
    const result: ListeningMention[] = [];
    for (let index = 0; index < count; index += 1) {
      const language = anyLanguage();
      // A third of the mentions name a brand (the first three brands more often), the rest is chatter.
      const brand = chance(0.33) ? (chance(0.5) ? pick(fixedBrands) : pick(brands)) : undefined;
      result.push({
        id: `m${index}`,
        text: sentence(language, brand),
        source: pick(sources),
        author: chance(0.02) && brand ? brand.handle : `user${Math.floor(random() * 50000)}`,
        ...(chance(0.7)
          ? { country: language === 'fr' ? pick(['FR', 'FR', 'BE', 'CA']) : pick(['US', 'GB', 'CA']) }
          : {}),
        // What a network reports; the enrichment step replaces it with the detected language.
        ...(chance(0.8) ? { language } : {}),
      });
    }
    return result;
  }

  return { queries, mentions };
}

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`${name} must be a positive integer (got "${raw}").\n`);
    process.exit(2);
  }
  return value;
}

const mentionCount = positiveInteger('BENCH_MENTIONS', 200_000);
const queryCount = positiveInteger('BENCH_QUERIES', 1_000);
const naiveCount = Math.min(positiveInteger('BENCH_NAIVE_MENTIONS', 2_000), mentionCount);
const repeats = positiveInteger('BENCH_REPEATS', 3);
const seed = positiveInteger('BENCH_SEED', 20261128);
const log = (line: string) => process.stdout.write(`${line}\n`);
const perSecond = (count: number, milliseconds: number) => Math.round(count / (milliseconds / 1000));
const format = (value: number) => value.toLocaleString('en-US');

// ---- Material ------------------------------------------------------------------------------------------------
const corpus = createCorpus(seed);
const queries = corpus.queries(queryCount);
const mentions = corpus.mentions(mentionCount);
const parsed: { id: string; tree: QueryNode }[] = queries.map((query) => {
  const result = parseQuery(query.query);
  if (!result.ok) throw new Error(`Generated query ${query.id} is invalid: ${result.error.message}\n${query.query}`);
  return { id: query.id, tree: result.query };
});
const averageLength = Math.round(mentions.reduce((sum, mention) => sum + mention.text.length, 0) / mentions.length);

// ---- Compiling -----------------------------------------------------------------------------------------------
let started = performance.now();
const matcher = compileQueries(queries);
const compileMs = performance.now() - started;

// ---- Enrichment (language + sentiment) and matching, as ingestion does them ------------------------------------
// The mentions as a source hands them over; `enrichAndMatch` is the very function ingestMentions calls per mention.
const analyzer = createTextAnalyzer();
const publishedAt = new Date('2026-11-28T12:00:00Z');
const incoming: IncomingMention[] = mentions.map((mention) => ({
  source: mention.source ?? 'x',
  networkId: mention.id,
  text: mention.text,
  author: mention.author ?? null,
  language: mention.language ?? null,
  country: mention.country ?? null,
  publishedAt,
}));

// ---- Measuring -----------------------------------------------------------------------------------------------
type Pass = { wallMs: number; cpuMs: number; total: number };

/** One warm-up pass on a slice, then `repeats` passes over every mention; the fastest pass counts. */
function timed(run: (index: number) => number): Pass {
  for (let index = 0; index < Math.min(20_000, mentions.length); index += 1) run(index);
  let best: Pass | undefined;
  for (let round = 0; round < repeats; round += 1) {
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    let total = 0;
    for (let index = 0; index < mentions.length; index += 1) total += run(index);
    const wallMs = performance.now() - wallStart;
    const cpu = process.cpuUsage(cpuStart);
    if (!best || wallMs < best.wallMs) best = { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, total };
  }
  return best!;
}

const matching = timed((index) => matcher.match(mentions[index]!).length);
const enrichment = timed((index) => (analyzer.analyze(incoming[index]!.text).language === 'other' ? 0 : 1));
const pipeline = timed((index) => enrichAndMatch(analyzer, matcher, incoming[index]!).matched.length);
// Everything ingestion computes per mention before the database: the above plus the near-duplicate key.
const beforeStorage = timed((index) => {
  const mention = incoming[index]!;
  const enriched = enrichAndMatch(analyzer, matcher, mention);
  return enriched.matched.length + (nearDuplicateKey(mention.text).length > 0 ? 0 : 1);
});

// The naive way: tokenize each mention once, then evaluate every query on it. Too slow for the whole corpus, so it
// runs on the first `naiveCount` mentions and its rate is extrapolated; it also checks the compiled matcher.
for (let index = 0; index < Math.min(200, naiveCount); index += 1) {
  const prepared = prepareMention(mentions[index]!);
  for (const query of parsed) matchesPreparedMention(query.tree, prepared);
}
started = performance.now();
const naiveResults: string[][] = [];
for (let index = 0; index < naiveCount; index += 1) {
  const prepared = prepareMention(mentions[index]!);
  naiveResults.push(parsed.filter((query) => matchesPreparedMention(query.tree, prepared)).map((query) => query.id));
}
const naiveMs = performance.now() - started;
let disagreements = 0;
naiveResults.forEach((expected, index) => {
  if (matcher.match(mentions[index]!).join(',') !== expected.join(',')) disagreements += 1;
});

// ---- Storage into PostgreSQL ----------------------------------------------------------------------------------
const storeCount = Math.min(Number(process.env.BENCH_STORE_MENTIONS ?? 100_000), mentions.length);
let storage: StorageFigures | undefined;
if (storeCount > 0) {
  storage = await measureStorage({
    serverUrl:
      process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    queries,
    mentions: mentions.slice(0, storeCount),
    batchSize: positiveInteger('BENCH_STORE_BATCH', 5_000),
  });
}

// ---- Crisis alerts on the demo stream (the live monitor's settings) ------------------------------------------
const demoAlerts = process.env.BENCH_DEMO_ALERTS === '0' ? undefined : measureDemoAlerts();

// ---- Report --------------------------------------------------------------------------------------------------
const mentionsPerSecond = perSecond(mentions.length, matching.wallMs);
const naiveMentionsPerSecond = perSecond(naiveCount, naiveMs);
const enrichmentPerSecond = perSecond(mentions.length, enrichment.wallMs);
const pipelinePerSecond = perSecond(mentions.length, pipeline.wallMs);
const beforeStoragePerSecond = perSecond(mentions.length, beforeStorage.wallMs);
const speedup = Math.round((mentionsPerSecond / naiveMentionsPerSecond) * 10) / 10;
const cpuNote = (pass: Pass) => `${format(perSecond(mentions.length, pass.cpuMs))} per CPU-second`;

log(`Listening query matching — ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, one thread`);
log(
  `  load average          ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} (figures: fastest of ${repeats} passes)`,
);
log(`  queries               ${format(queries.length)} (compiled in ${compileMs.toFixed(0)} ms)`);
log(`  mentions              ${format(mentions.length)} French and English, ${averageLength} characters on average`);
log(`  matches               ${format(matching.total)} (${(matching.total / mentions.length).toFixed(2)} per mention)`);
log(`  compiled matcher      ${format(mentionsPerSecond)} mentions/s (${cpuNote(matching)})`);
log(
  `  naive, query by query ${format(naiveMentionsPerSecond)} mentions/s (first ${format(naiveCount)} mentions, extrapolated)`,
);
log(`  speed-up              ×${speedup}`);
log(`  enrichment alone      ${format(enrichmentPerSecond)} mentions/s (${cpuNote(enrichment)}; createTextAnalyzer)`);
log(
  `  enrichment + matching ${format(pipelinePerSecond)} mentions/s (${cpuNote(pipeline)}; enrichAndMatch, as ingestion; target ≥ 50,000)`,
);
log(
  `  + near-duplicate key  ${format(beforeStoragePerSecond)} mentions/s (${cpuNote(beforeStorage)}; all ingestion does before the database)`,
);
log(
  `  check                 ${disagreements === 0 ? 'compiled = naive' : `${disagreements} DISAGREEMENTS`} on ${format(naiveCount)} mentions`,
);
if (storage) {
  log(
    `  storage (PostgreSQL)  ${format(storage.ingestionMentionsPerSecond)} mentions/s through ingestMentions (enrich + match + store; target ≥ 10,000)`,
  );
  log(
    `                        ${format(storage.storageMentionsPerSecond)} mentions/s in the database alone; ${format(storage.storedMentions)} mentions, ${format(storage.storedMatches)} matches, batches of ${format(storage.batchSize)}`,
  );
  log(
    `                        ${storage.storagePerCpuSecond === null ? 'CPU time of the database not readable' : `${format(storage.storagePerCpuSecond)} mentions per CPU-second of the database part (backends + this process)`}`,
  );
  log(`  duplicate pass        ${format(storage.duplicatePassMentionsPerSecond)} mentions/s, nothing stored twice`);
}
if (demoAlerts) {
  log(
    `  demo crisis alerts    first alert ${demoAlerts.delaysMinutes.join(', ')} min after each of ${demoAlerts.incidents} incidents; ${demoAlerts.alertsOutsideIncidents} alerts outside them in ${demoAlerts.simulatedDays} simulated days`,
  );
}
log(
  JSON.stringify({
    bench: 'listening',
    queries: queries.length,
    mentions: mentions.length,
    mentionsPerSecond,
    naiveMentionsPerSecond,
    speedup,
    enrichmentMentionsPerSecond: enrichmentPerSecond,
    matchingPlusEnrichmentMentionsPerSecond: pipelinePerSecond,
    mentionsPerCpuSecond: perSecond(mentions.length, matching.cpuMs),
    matchingPlusEnrichmentPerCpuSecond: perSecond(mentions.length, pipeline.cpuMs),
    withNearDuplicateKeyMentionsPerSecond: beforeStoragePerSecond,
    withNearDuplicateKeyPerCpuSecond: perSecond(mentions.length, beforeStorage.cpuMs),
    matchesPerMention: Math.round((matching.total / mentions.length) * 100) / 100,
    compileMs: Math.round(compileMs),
    naiveSampleMentions: naiveCount,
    repeats,
    disagreements,
    ...(storage
      ? {
          storageMentionsPerSecond: storage.ingestionMentionsPerSecond,
          storageDatabaseOnlyMentionsPerSecond: storage.storageMentionsPerSecond,
          storageDatabaseOnlyPerCpuSecond: storage.storagePerCpuSecond,
          storedMentions: storage.storedMentions,
          storedMatches: storage.storedMatches,
          storageBatchSize: storage.batchSize,
          duplicatePassMentionsPerSecond: storage.duplicatePassMentionsPerSecond,
        }
      : {}),
    ...(demoAlerts
      ? {
          demoIncidents: demoAlerts.incidents,
          demoAlertDelaysMinutes: demoAlerts.delaysMinutes,
          demoMaxAlertDelayMinutes: demoAlerts.maxDelayMinutes,
          demoAlertsOutsideIncidents: demoAlerts.alertsOutsideIncidents,
          demoBrandAlertDelaysMinutes: demoAlerts.brandDelaysMinutes,
          demoFirstAlerts: demoAlerts.firstAlerts,
        }
      : {}),
  }),
);
if (disagreements > 0) process.exit(1);
