/**
 * The meaning of a query, once and for both matchers: given where each term occurs in a mention (token
 * positions) and the mention's filter fields, is the query true? The naive matcher finds positions by scanning
 * the tokens; the compiled matcher looks them up in its shared index.
 */
import type {
  ListeningMention,
  QueryFilterField,
  QueryNearNode,
  QueryNode,
  QueryPhraseNode,
  QueryPositionalNode,
  QueryTermNode,
} from './query-ast.ts';
import { normalizeFilterValue } from './parse-query.ts';

/** The mention's fields as filters compare them ('' when absent, which no filter matches). */
export type MentionFilterFields = Record<QueryFilterField, string>;

export type EvaluationContext = {
  /** Ascending token positions where `term` occurs. */
  positions(term: QueryTermNode): readonly number[];
  fields: MentionFilterFields;
};

/** Normalizes a mention's fields once, the way filter values are normalized. */
export function mentionFilterFields(mention: ListeningMention): MentionFilterFields {
  return {
    lang: mention.language ? normalizeFilterValue('lang', mention.language) : '',
    source: mention.source ? normalizeFilterValue('source', mention.source) : '',
    author: mention.author ? normalizeFilterValue('author', mention.author) : '',
    country: mention.country ? normalizeFilterValue('country', mention.country) : '',
  };
}

const none: readonly number[] = [];

/** Start positions of the phrase; with `firstOnly`, stops at the first. */
function phraseStarts(node: QueryPhraseNode, context: EvaluationContext, firstOnly: boolean): number[] {
  const [first, ...rest] = node.terms;
  if (!first) return [];
  const later = rest.map((term) => context.positions(term));
  if (later.some((positions) => positions.length === 0)) return [];
  const starts: number[] = [];
  for (const start of context.positions(first)) {
    if (later.every((positions, index) => positions.includes(start + index + 1))) {
      starts.push(start);
      if (firstOnly) break;
    }
  }
  return starts;
}

/** Where a positional node occurs: `starts[i]..ends[i]`, inclusive token positions. */
export type Spans = { starts: readonly number[]; ends: readonly number[] };
const noSpans: Spans = { starts: none, ends: none };

/** The spans of `left NEAR/distance right`; with `firstOnly`, stops at the first (enough for true/false). */
function nearSpans(node: QueryNearNode, context: EvaluationContext, firstOnly: boolean): Spans {
  const left = spansOf(node.left, context);
  if (left.starts.length === 0) return noSpans;
  const right = spansOf(node.right, context);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let l = 0; l < left.starts.length; l += 1) {
    const leftStart = left.starts[l]!;
    const leftEnd = left.ends[l]!;
    for (let r = 0; r < right.starts.length; r += 1) {
      const rightStart = right.starts[r]!;
      const rightEnd = right.ends[r]!;
      // Overlapping sides are not "near": each side needs tokens of its own.
      if (leftEnd < rightStart && rightStart - leftEnd - 1 <= node.distance) {
        starts.push(leftStart);
        ends.push(rightEnd);
      } else if (rightEnd < leftStart && leftStart - rightEnd - 1 <= node.distance) {
        starts.push(rightStart);
        ends.push(leftEnd);
      } else continue;
      if (firstOnly) return { starts, ends };
    }
  }
  return { starts, ends };
}

/** Where a positional node occurs in the mention. */
export function spansOf(node: QueryPositionalNode, context: EvaluationContext): Spans {
  switch (node.type) {
    case 'term': {
      const positions = context.positions(node);
      return { starts: positions, ends: positions };
    }
    case 'phrase': {
      const starts = phraseStarts(node, context, false);
      return { starts, ends: starts.map((start) => start + node.terms.length - 1) };
    }
    case 'or': {
      const starts: number[] = [];
      const ends: number[] = [];
      for (const child of node.children) {
        const spans = spansOf(child as QueryPositionalNode, context);
        starts.push(...spans.starts);
        ends.push(...spans.ends);
      }
      return { starts, ends };
    }
    case 'near':
      return nearSpans(node, context, false);
  }
}

/** True when the query matches, given the term positions and fields of one mention. */
export function evaluateQuery(node: QueryNode, context: EvaluationContext): boolean {
  switch (node.type) {
    case 'term':
      return context.positions(node).length > 0;
    case 'phrase':
      return phraseStarts(node, context, true).length > 0;
    case 'near':
      return nearSpans(node, context, true).starts.length > 0;
    case 'filter':
      return context.fields[node.field] === node.value;
    case 'not':
      return !evaluateQuery(node.child, context);
    case 'and':
      return node.children.every((child) => evaluateQuery(child, context));
    case 'or':
      return node.children.some((child) => evaluateQuery(child, context));
  }
}
