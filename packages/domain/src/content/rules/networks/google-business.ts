/**
 * Google Business Profile: local posts and offers. Not in platforms.md: the sources are the connector's README
 * (packages/connectors/src/google_business/README.md) and Google's Business Profile help (K).
 */
import type { NetworkRules, Rule } from '../types.ts';
import { format, kilobyte, megabyte, mimeTypes } from './shared.ts';

const common: Rule[] = [
  {
    kind: 'text_length',
    field: 'text',
    counting: 'graphemes',
    max: 1500,
    source: 'google_business/README.md summary ≤1,500 characters (K ⚠)',
  },
  { kind: 'media_count', min: 0, max: 1, source: 'google_business/README.md one photo or video per post (K)' },
  {
    kind: 'media_type',
    accept: [mimeTypes.jpeg, mimeTypes.png, 'video/*'],
    source: 'google_business/README.md photos JPEG/PNG, mediaFormat PHOTO/VIDEO',
  },
  {
    kind: 'media_bytes',
    kinds: ['image'],
    min: 10 * kilobyte,
    max: 5 * megabyte,
    source: 'google_business/README.md photos 10 KB–5 MB (K ⚠)',
  },
];
const offerTitle: Rule[] = [
  {
    kind: 'required',
    field: 'title',
    source: 'google_business/README.md event (title and schedule) required for OFFER',
  },
  {
    kind: 'text_length',
    field: 'title',
    counting: 'graphemes',
    max: 58,
    source: 'google_business/README.md event/offer title ≤58 characters (K ⚠)',
  },
];

export const googleBusinessRules: NetworkRules = {
  name: 'Google Business Profile',
  formats: {
    // The link is the call-to-action button's URL on a local post, the online redemption URL on an offer.
    local_post: format({ link: true }, common, {
      kind: 'required_one_of',
      fields: ['text', 'media'],
      source: 'Business Profile help: a post needs a description or a photo (K)',
    }),
    offer: format(
      { link: true },
      common,
      offerTitle,
      { kind: 'required', field: 'options.startDate', source: 'google_business/README.md event.schedule.startDate' },
      { kind: 'required', field: 'options.endDate', source: 'google_business/README.md event.schedule.endDate' },
      {
        kind: 'date_range',
        start: 'startDate',
        end: 'endDate',
        source: 'google_business/README.md TimeInterval: the end is not before the start',
      },
    ),
  },
};
