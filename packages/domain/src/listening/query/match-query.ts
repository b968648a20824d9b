/**
 * The naive matcher: one query against one mention, finding each term by scanning the mention's tokens.
 * It is the reference the compiled matcher is tested against and the baseline of the benchmark.
 */
import type { ListeningMention, QueryNode, QueryTermNode } from './query-ast.ts';
import { evaluateQuery, mentionFilterFields, type MentionFilterFields } from './evaluate-query.ts';
import { tokenizeListeningText, type ListeningToken } from './text-tokens.ts';

/** A mention tokenized and normalized once, to test many queries against it. */
export type PreparedMention = { tokens: ListeningToken[]; fields: MentionFilterFields };

/**
 * Tokenizes and normalizes a mention once.
 * @example prepareMention({ id: '1', text: "L'hôtel", language: 'fr' }).tokens // [{ kind: 'word', value: 'hotel' }]
 */
export function prepareMention(mention: ListeningMention): PreparedMention {
  return { tokens: tokenizeListeningText(mention.text), fields: mentionFilterFields(mention) };
}

/** Whether one token is an occurrence of one term (plain terms also match hashtag bodies). */
export function termMatchesToken(term: QueryTermNode, token: ListeningToken): boolean {
  const kindMatches =
    term.kind === 'word' ? token.kind === 'word' || token.kind === 'hashtag' : token.kind === term.kind;
  if (!kindMatches) return false;
  return term.prefix ? token.value.startsWith(term.value) : token.value === term.value;
}

/** Evaluates a query on a prepared mention by scanning its tokens for every term. */
export function matchesPreparedMention(query: QueryNode, mention: PreparedMention): boolean {
  return evaluateQuery(query, {
    fields: mention.fields,
    positions(term) {
      const positions: number[] = [];
      mention.tokens.forEach((token, index) => {
        if (termMatchesToken(term, token)) positions.push(index);
      });
      return positions;
    },
  });
}

/**
 * Whether a parsed query matches a mention, the slow and obvious way.
 * @example matchesQuery(parsed, { id: 'm1', text: 'Les éoliennes de Fécamp' }) // true for parseQuery('eoliennes')
 */
export function matchesQuery(query: QueryNode, mention: ListeningMention): boolean {
  return matchesPreparedMention(query, prepareMention(mention));
}
