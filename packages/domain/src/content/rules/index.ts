export * from './types.ts';
export * from './content-rules.ts';
export * from './text-counting.ts';
export { acceptsType, mediaKindOf, normalizeMimeType } from './media-checks.ts';
export * from './validate-post.ts';
export * from './describe-issue.ts';
export { fieldLabel, formatBytes, formatSeconds, mimeName } from './issue-wording.ts';
export { renderContentRulesMarkdown } from './render-markdown.ts';
