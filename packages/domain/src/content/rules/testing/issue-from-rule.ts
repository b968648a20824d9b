/** Which rule of the table an issue comes from: several rules share a code, their limits tell them apart. */
import type { ContentIssue, Rule } from '../types.ts';

/** Whether an issue comes from this rule. */
export function issueFromRule(rule: Rule, issue: ContentIssue): boolean {
  const p = issue.params;
  switch (rule.kind) {
    case 'text_length':
      return issue.code === 'text_too_long' && p.limit === rule.max && p.counting === rule.counting;
    case 'hashtags':
      return issue.code === 'hashtags_too_many' && p.limit === rule.max;
    case 'mentions':
      return issue.code === 'mentions_too_many' && p.limit === rule.max;
    case 'links':
      return issue.code === 'links_too_many' && p.limit === rule.max;
    case 'forbidden_characters':
      return issue.code === 'characters_forbidden' && issue.field.endsWith(rule.field);
    case 'required':
      return issue.code === 'field_required' && issue.field.endsWith(rule.field);
    case 'required_one_of':
      return issue.code === 'one_of_required';
    case 'media_count':
      return (
        (issue.code === 'media_too_many' && p.limit === rule.max) ||
        (issue.code === 'media_too_few' && p.min === rule.min)
      );
    case 'media_type':
      return issue.code === 'media_type_unsupported' && p.accepted === rule.accept;
    case 'media_bytes':
      return (
        (issue.code === 'media_too_large' && p.limit === rule.max) ||
        (issue.code === 'media_too_small' && p.min === rule.min)
      );
    case 'media_duration':
      return (
        (issue.code === 'media_too_long' && p.limit === rule.max) ||
        (issue.code === 'media_too_short' && p.min === rule.min)
      );
    case 'aspect_ratio':
      return issue.code === 'aspect_ratio_out_of_range' && p.min === rule.min && p.max === rule.max;
    case 'dimensions':
      return (
        (issue.code === 'width_too_small' && p.min === rule.minWidth) ||
        (issue.code === 'width_too_large' && p.limit === rule.maxWidth) ||
        (issue.code === 'height_too_small' && p.min === rule.minHeight) ||
        (issue.code === 'height_too_large' && p.limit === rule.maxHeight) ||
        (issue.code === 'pixels_too_many' && p.limit === rule.maxPixels)
      );
    case 'media_alone':
      return issue.code === 'media_not_alone';
    case 'link_in_text':
      return issue.code === 'link_in_text_required';
    case 'link_without_media':
      return issue.code === 'link_with_media';
    case 'thread_parts':
      return issue.code === 'thread_parts_too_few';
    case 'date_range':
      return issue.code === 'date_invalid' || issue.code === 'date_range_inverted';
    case 'option_values':
      return issue.code === 'option_invalid' && issue.field === `options.${rule.option}`;
  }
}
