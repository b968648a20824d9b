import type { MessageKey } from '../../i18n/i18n.tsx';

export type Pillar = { slug: string; label: MessageKey; summary: MessageKey };

/** The product's pillars, in the sidebar's order; each is a placeholder until it is built. */
export const pillars: readonly Pillar[] = [
  { slug: 'strategy', label: 'pillar.strategy', summary: 'pillar.strategy.summary' },
  { slug: 'calendar', label: 'pillar.calendar', summary: 'pillar.calendar.summary' },
  { slug: 'inbox', label: 'pillar.inbox', summary: 'pillar.inbox.summary' },
  { slug: 'listening', label: 'pillar.listening', summary: 'pillar.listening.summary' },
  { slug: 'ads', label: 'pillar.ads', summary: 'pillar.ads.summary' },
  { slug: 'analytics', label: 'pillar.analytics', summary: 'pillar.analytics.summary' },
];
