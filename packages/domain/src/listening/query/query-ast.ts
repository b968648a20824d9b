/**
 * The parsed form of a listening query, the mention it is matched against, and the errors a query can have.
 * Every node keeps its place in the query text (`offset`, `length`, in UTF-16 code units) for error display.
 */

/** A mention as the matcher sees it: the text plus the fields the filters read. */
export type ListeningMention = {
  id: string;
  text: string;
  /** BCP 47 tag or ISO 639-1 code ("fr", "en-GB"); `lang:fr` matches "fr" and "fr-CA". */
  language?: string;
  /** Where it was found: "x", "bluesky", "mastodon", "reddit", "youtube", "rss", "reviews"... */
  source?: string;
  /** The author's handle, with or without a leading "@". */
  author?: string;
  /** ISO 3166-1 alpha-2 code ("FR"). */
  country?: string;
};

export type QueryTermKind = 'word' | 'hashtag' | 'mention' | 'emoji';

/** A single term. `prefix` is a trailing-`*` wildcard: `lumi*` matches "lumiere", "lumineux"... */
export type QueryTermNode = {
  type: 'term';
  kind: QueryTermKind;
  /** Normalized, without the `#`, `@` or `*`. */
  value: string;
  prefix: boolean;
  offset: number;
  length: number;
};

/** Consecutive terms, in order ("exact phrase", or a word that tokenizes into several: `porte-parole`). */
export type QueryPhraseNode = { type: 'phrase'; terms: QueryTermNode[]; offset: number; length: number };

/** `left NEAR/distance right`: at most `distance` other tokens between the two sides, in either order. */
export type QueryNearNode = {
  type: 'near';
  distance: number;
  left: QueryPositionalNode;
  right: QueryPositionalNode;
  offset: number;
  length: number;
};

/** `lang:`, `source:`, `author:`, `country:` on the mention's fields (normalized value). */
export type QueryFilterField = 'lang' | 'source' | 'author' | 'country';
export type QueryFilterNode = {
  type: 'filter';
  field: QueryFilterField;
  value: string;
  offset: number;
  length: number;
};

export type QueryAndNode = { type: 'and'; children: QueryNode[]; offset: number; length: number };
export type QueryOrNode = { type: 'or'; children: QueryNode[]; offset: number; length: number };
export type QueryNotNode = { type: 'not'; child: QueryNode; offset: number; length: number };

/** Nodes that have positions in the text, so NEAR can measure the distance between them. */
export type QueryPositionalNode = QueryTermNode | QueryPhraseNode | QueryNearNode | QueryOrNode;

export type QueryNode =
  QueryTermNode | QueryPhraseNode | QueryNearNode | QueryFilterNode | QueryAndNode | QueryOrNode | QueryNotNode;

export const queryErrorCodes = [
  'empty_query',
  'query_too_long',
  'too_many_terms',
  'too_deeply_nested',
  'unclosed_parenthesis',
  'unexpected_closing_parenthesis',
  'empty_group',
  'dangling_operator',
  'unterminated_phrase',
  'empty_phrase',
  'phrase_too_long',
  'empty_term',
  'near_missing_distance',
  'near_distance_too_large',
  'near_operand',
  'wildcard_position',
  'wildcard_too_short',
  'unknown_filter',
  'empty_filter_value',
  'invalid_filter_value',
] as const;
export type QueryErrorCode = (typeof queryErrorCodes)[number];

/**
 * What is wrong with a query and where: `code` and `params` for a translated message, `message` in English
 * for logs and the command line, `offset`/`length` the part of the query to underline.
 */
export type QueryError = {
  code: QueryErrorCode;
  message: string;
  params: Record<string, string | number>;
  offset: number;
  length: number;
};

/** The result of `parseQuery`: never throws on bad input. */
export type ParseQueryResult = { ok: true; query: QueryNode; termCount: number } | { ok: false; error: QueryError };

/** Bounds that keep one query from costing the matcher more than its share. */
export type QueryLimits = {
  /** Characters (UTF-16 code units) in a query. */
  maxLength: number;
  /** Terms, counting each word of a phrase and each filter. */
  maxTerms: number;
  /** Nesting of parentheses and NOTs. */
  maxDepth: number;
  /** Words in one phrase. */
  maxPhraseWords: number;
  /** Largest n in NEAR/n. */
  maxNearDistance: number;
  /** Shortest prefix before a `*`, in normalized characters. */
  minWildcardPrefix: number;
};

export const defaultQueryLimits: QueryLimits = {
  maxLength: 4096,
  maxTerms: 250,
  maxDepth: 32,
  maxPhraseWords: 16,
  maxNearDistance: 100,
  minWildcardPrefix: 3,
};
