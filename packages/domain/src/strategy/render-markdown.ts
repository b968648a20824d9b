/** Markdown from a plan document (or any document of the same model). */
import type { PlanDocumentBlock, PlanDocument } from './plan-document.ts';
import { planDocument } from './plan-document.ts';
import type { Plan } from './plan.ts';
import type { PlanLocale } from './plan-text.ts';

/** Escapes the characters Markdown would read as syntax inside running text. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function renderBlock(block: PlanDocumentBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeInline(block.text)}`;
    case 'paragraph':
      return escapeInline(block.text);
    case 'list':
      return block.items
        .map((item, index) => `${block.ordered ? `${index + 1}.` : '-'} ${escapeInline(item)}`)
        .join('\n');
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map(escapeInline).join(' | ')} |`;
      const rule = `| ${block.columns.map((column) => (column.align === 'right' ? '---:' : '---')).join(' | ')} |`;
      return [row(block.columns.map((column) => column.label)), rule, ...block.rows.map(row)].join('\n');
    }
  }
}

/**
 * Renders a document as GitHub-flavoured Markdown: a level-1 title, level-2 sections, tables for tabular blocks.
 * @example renderMarkdown(planDocument(plan, 'en')).startsWith('# Social media marketing plan') // true
 */
export function renderMarkdown(document: PlanDocument): string {
  const parts = [`# ${escapeInline(document.title)}`];
  for (const section of document.sections) {
    parts.push(`## ${escapeInline(section.title)}`);
    for (const block of section.blocks) parts.push(renderBlock(block));
  }
  return parts.join('\n\n') + '\n';
}

/**
 * The plan in Markdown, in French or English.
 * @example renderPlanMarkdown(plan, 'fr') // '# Plan de marketing sur les réseaux sociaux\n\n## Synthèse\n...'
 */
export function renderPlanMarkdown(plan: Plan, locale: PlanLocale): string {
  return renderMarkdown(planDocument(plan, locale));
}
