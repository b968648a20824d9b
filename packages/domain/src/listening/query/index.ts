export * from './query-ast.ts';
export { parseQuery, normalizeFilterValue } from './parse-query.ts';
export {
  normalizeListeningText,
  tokenizeListeningText,
  type ListeningToken,
  type ListeningTokenKind,
} from './text-tokens.ts';
export {
  evaluateQuery,
  mentionFilterFields,
  type EvaluationContext,
  type MentionFilterFields,
} from './evaluate-query.ts';
export {
  matchesQuery,
  matchesPreparedMention,
  prepareMention,
  termMatchesToken,
  type PreparedMention,
} from './match-query.ts';
export { compileQueries, InvalidQueriesError, type QueryDefinition, type QueryMatcher } from './compile-queries.ts';
