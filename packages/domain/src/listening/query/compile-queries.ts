/**
 * The compiled matcher: thousands of queries against a stream of mentions. All terms of all queries go into one
 * shared index (a hash map of exact terms, and a table of wildcard prefixes keyed by their first characters).
 * Each mention is normalized and tokenized once; each token is looked up once; then only the queries whose
 * trigger terms occurred are evaluated. A query's triggers are terms at least one of which must occur for it
 * to match; queries without such terms (`NOT spam`, `lang:fr`, `lang:fr OR lumiere`) are evaluated on every
 * mention.
 */
import {
  defaultQueryLimits,
  type ListeningMention,
  type QueryError,
  type QueryLimits,
  type QueryNode,
  type QueryTermNode,
} from './query-ast.ts';
import {
  evaluateQuery,
  mentionFilterFields,
  type EvaluationContext,
  type MentionFilterFields,
} from './evaluate-query.ts';
import { parseQuery } from './parse-query.ts';
import { createTermLookUp, type TermLookUp } from './term-index.ts';
import { normalizeListeningText, scanNormalizedText, type ListeningTokenKind } from './text-tokens.ts';

/** A query to compile: its text, or a tree from `parseQuery`. */
export type QueryDefinition = { id: string; query: string | QueryNode };

/** Matches many queries at once. */
export type QueryMatcher = {
  /** How many queries it holds. */
  readonly size: number;
  /** The ids of the queries the mention matches, in the order the queries were given. */
  match(mention: ListeningMention): string[];
};

/** Thrown by `compileQueries` with every query that does not parse. */
export class InvalidQueriesError extends Error {
  readonly failures: { id: string; error: QueryError }[];
  constructor(failures: { id: string; error: QueryError }[]) {
    super(`${failures.length} invalid listening ${failures.length === 1 ? 'query' : 'queries'}`);
    this.name = 'InvalidQueriesError';
    this.failures = failures;
  }
}

type IndexedTerm = QueryTermNode & { termId: number };
type CompiledQuery = { id: string; root: QueryNode };

/** Which table a term lives in: plain terms (also emoji) answer words and hashtag bodies. */
type TableName = 'plain' | 'hashtag' | 'mention';
type Table = { exact: Map<string, number>; prefixes: Map<string, number> };
type TermTables = Record<TableName, Table> & { count: number };

const none: readonly number[] = [];

function tableOf(term: QueryTermNode): TableName {
  return term.kind === 'hashtag' ? 'hashtag' : term.kind === 'mention' ? 'mention' : 'plain';
}

function termId(tables: TermTables, term: QueryTermNode): number {
  const table = tables[tableOf(term)];
  const map = term.prefix ? table.prefixes : table.exact;
  let id = map.get(term.value);
  if (id === undefined) {
    id = tables.count++;
    map.set(term.value, id);
  }
  return id;
}

/** A static guess of what a node costs to evaluate, to try cheap operands of AND and OR first. */
function evaluationCost(node: QueryNode): number {
  switch (node.type) {
    case 'filter':
      return 1;
    case 'term':
      return 2;
    case 'phrase':
      return 2 + 2 * node.terms.length;
    case 'near':
      return 10 + evaluationCost(node.left) + evaluationCost(node.right);
    case 'not':
      return evaluationCost(node.child);
    case 'and':
    case 'or':
      return node.children.reduce((sum, child) => sum + evaluationCost(child), 0);
  }
}

/** A copy of the tree whose terms carry their id in the shared index, operands of AND/OR cheapest first. */
function indexTerms(node: QueryNode, tables: TermTables): QueryNode {
  switch (node.type) {
    case 'term': {
      const indexed: IndexedTerm = { ...node, termId: termId(tables, node) };
      return indexed;
    }
    case 'phrase':
      return { ...node, terms: node.terms.map((term) => indexTerms(term, tables) as IndexedTerm) };
    case 'near':
      return { ...node, left: indexTerms(node.left, tables) as never, right: indexTerms(node.right, tables) as never };
    case 'and':
    case 'or': {
      const children = node.children.map((child) => indexTerms(child, tables));
      children.sort((a, b) => evaluationCost(a) - evaluationCost(b));
      return { ...node, children };
    }
    case 'not':
      return { ...node, child: indexTerms(node.child, tables) };
    case 'filter':
      return node;
  }
}

function collectTerms(node: QueryNode, into: Set<number>): Set<number> {
  if (node.type === 'term') into.add((node as IndexedTerm).termId);
  else if (node.type === 'phrase') node.terms.forEach((term) => collectTerms(term, into));
  else if (node.type === 'near') [node.left, node.right].forEach((side) => collectTerms(side, into));
  else if (node.type === 'and' || node.type === 'or') node.children.forEach((child) => collectTerms(child, into));
  else if (node.type === 'not') collectTerms(node.child, into);
  return into;
}

/**
 * How often a term is expected in mentions, guessed without data: terms many queries share are common words
 * (products, complaints), brand names are specific to one query; prefixes and short words match more.
 */
function commonness(term: IndexedTerm, queriesUsing: readonly number[]): number {
  const length = term.value.length;
  return (1 + queriesUsing[term.termId]!) * (term.prefix ? 2 : 1) * (length <= 3 ? 3 : length <= 5 ? 1.5 : 1);
}

type Trigger = { terms: IndexedTerm[]; cost: number };

/** Terms one of which must occur for `node` to be true (the rarest such set), or null if none must. */
function triggers(node: QueryNode, queriesUsing: readonly number[]): Trigger | null {
  const single = (term: IndexedTerm): Trigger => ({ terms: [term], cost: commonness(term, queriesUsing) });
  const cheapest = (options: (Trigger | null)[]): Trigger | null =>
    options.reduce<Trigger | null>(
      (best, option) => (option && (!best || option.cost < best.cost) ? option : best),
      null,
    );
  switch (node.type) {
    case 'term':
      return single(node as IndexedTerm);
    case 'phrase':
      return cheapest((node.terms as IndexedTerm[]).map(single));
    case 'near':
      return cheapest([triggers(node.left, queriesUsing), triggers(node.right, queriesUsing)]);
    case 'and':
      return cheapest(node.children.map((child) => triggers(child, queriesUsing)));
    case 'or': {
      const all: Trigger = { terms: [], cost: 0 };
      for (const child of node.children) {
        const option = triggers(child, queriesUsing);
        if (option === null) return null;
        all.terms.push(...option.terms);
        all.cost += option.cost;
      }
      return all;
    }
    case 'not':
    case 'filter':
      return null;
  }
}

function parseDefinitions(definitions: readonly QueryDefinition[], limits: QueryLimits): CompiledQuery[] {
  const failures: { id: string; error: QueryError }[] = [];
  const seen = new Set<string>();
  const parsed: CompiledQuery[] = [];
  for (const definition of definitions) {
    if (seen.has(definition.id)) throw new Error(`Two listening queries have the id "${definition.id}"`);
    seen.add(definition.id);
    if (typeof definition.query !== 'string') {
      parsed.push({ id: definition.id, root: definition.query });
      continue;
    }
    const result = parseQuery(definition.query, limits);
    if (result.ok) parsed.push({ id: definition.id, root: result.query });
    else failures.push({ id: definition.id, error: result.error });
  }
  if (failures.length) throw new InvalidQueriesError(failures);
  return parsed;
}

/** Sorts the first `count` numbers in place (insertion sort: a mention wakes a handful of queries). */
function sortPrefix(values: Uint32Array, count: number): void {
  if (count > 32) {
    values.subarray(0, count).sort();
    return;
  }
  for (let index = 1; index < count; index += 1) {
    const value = values[index]!;
    let at = index - 1;
    while (at >= 0 && values[at]! > value) {
      values[at + 1] = values[at]!;
      at -= 1;
    }
    values[at + 1] = value;
  }
}

/**
 * Compiles queries into one matcher; throws `InvalidQueriesError` listing every query that does not parse.
 * @example compileQueries([{ id: 'brand', query: '"maison lumière" OR #maisonlumiere' }]).match(mention) // ['brand']
 */
export function compileQueries(
  definitions: readonly QueryDefinition[],
  options: { limits?: QueryLimits } = {},
): QueryMatcher {
  const parsed = parseDefinitions(definitions, options.limits ?? defaultQueryLimits);
  const emptyTable = (): Table => ({ exact: new Map(), prefixes: new Map() });
  const tables: TermTables = { plain: emptyTable(), hashtag: emptyTable(), mention: emptyTable(), count: 0 };
  const queries = parsed.map((query) => ({ id: query.id, root: indexTerms(query.root, tables) }));

  const queriesUsing = new Array<number>(tables.count).fill(0);
  for (const query of queries) for (const id of collectTerms(query.root, new Set())) queriesUsing[id]! += 1;
  const triggered: number[][] = Array.from({ length: tables.count }, () => []);
  const everyMention: number[] = [];
  queries.forEach((query, index) => {
    const trigger = triggers(query.root, queriesUsing);
    if (trigger === null) everyMention.push(index);
    else for (const id of new Set(trigger.terms.map((term) => term.termId))) triggered[id]!.push(index);
  });
  const lookUps: Record<TableName, TermLookUp> = {
    plain: createTermLookUp(tables.plain.exact, tables.plain.prefixes),
    hashtag: createTermLookUp(tables.hashtag.exact, tables.hashtag.prefixes),
    mention: createTermLookUp(tables.mention.exact, tables.mention.prefixes),
  };

  // Per-mention scratch state, reused: a term occurred in this mention when its stamp equals the mention's. The
  // position lists are refilled in place (never emptied, which would drop their storage and allocate anew).
  let stamp = 0;
  const termStamps = new Uint32Array(tables.count);
  const termPositions: number[][] = Array.from({ length: tables.count }, () => []);
  const queryStamps = new Uint32Array(queries.length);
  const occurred = new Uint32Array(tables.count);
  let occurredCount = 0;

  function record(id: number, position: number): void {
    const list = termPositions[id]!;
    if (termStamps[id] !== stamp) {
      termStamps[id] = stamp;
      occurred[occurredCount++] = id;
      if (list.length === 0) list.push(position);
      else {
        if (list.length > 1) list.length = 1;
        list[0] = position;
      }
    } else list.push(position);
  }

  // The token being visited: its position, and the normalized text its range points into.
  let position = 0;
  let normalized = '';
  const recordHere = (id: number) => record(id, position);
  function visitToken(kind: ListeningTokenKind, start: number, end: number): void {
    if (kind === 'word' || kind === 'emoji') lookUps.plain(normalized, start, end, recordHere);
    else if (kind === 'hashtag') {
      lookUps.plain(normalized, start, end, recordHere);
      lookUps.hashtag(normalized, start, end, recordHere);
    } else if (kind === 'mention') lookUps.mention(normalized, start, end, recordHere);
    position += 1;
  }

  // The mention's filter fields are normalized only when a candidate query reads one.
  let current: ListeningMention | undefined;
  let fields: MentionFilterFields | undefined;
  const context: EvaluationContext = {
    get fields() {
      fields ??= mentionFilterFields(current!);
      return fields;
    },
    positions(term) {
      const id = (term as IndexedTerm).termId;
      return termStamps[id] === stamp ? termPositions[id]! : none;
    },
  };
  const candidates = new Uint32Array(queries.length);

  return {
    size: queries.length,
    match(mention) {
      stamp += 1;
      if (stamp === 0xffffffff) {
        termStamps.fill(0);
        queryStamps.fill(0);
        stamp = 1;
      }
      occurredCount = 0;
      position = 0;
      normalized = normalizeListeningText(mention.text);
      scanNormalizedText(normalized, visitToken);

      let count = 0;
      for (const index of everyMention) candidates[count++] = index;
      for (let index = 0; index < occurredCount; index += 1) {
        for (const query of triggered[occurred[index]!]!) {
          if (queryStamps[query] !== stamp) {
            queryStamps[query] = stamp;
            candidates[count++] = query;
          }
        }
      }
      if (count === 0) return [];
      if (count > everyMention.length) sortPrefix(candidates, count);
      current = mention;
      fields = undefined;
      const matched: string[] = [];
      for (let candidate = 0; candidate < count; candidate += 1) {
        const query = queries[candidates[candidate]!]!;
        if (evaluateQuery(query.root, context)) matched.push(query.id);
      }
      return matched;
    },
  };
}
