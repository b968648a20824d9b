/**
 * Default channels per business type, in order of recommendation, with their roles, native formats and posts
 * per week for an SME team. The builder keeps the first N (by team size), scales the frequencies by team size,
 * and adds the channels already in use.
 */
import type { NetworkId } from '../../publishing/networks.ts';
import type { PostFormat } from '../../publishing/post-formats.ts';
import type { BusinessSize, BusinessType, ContentType } from '../plan.ts';
import type { ChannelRole } from '../strategy.ts';
import { fromGuide, sillageDefault, type Basis } from './basis.ts';

export type FormatDefault = { format: PostFormat; content: ContentType; postsPerWeek: number };
export type ChannelDefault = { network: NetworkId; roles: ChannelRole[]; formats: FormatDefault[]; basis: Basis };

const ecommerceExample = fromGuide(
  'content_planning',
  'un e-commerçant programme des carrousels produit sur Instagram, des vidéos tutoriels sur TikTok et des posts sectoriels sur LinkedIn',
);
const metaRetargeting = fromGuide(
  'social_advertising',
  'combinée à du retargeting via Meta pour capturer les visiteurs du site',
  'Meta (Facebook and Instagram placements) is where site visitors are retargeted; the page also hosts customer questions.',
);

/** The recommended channels per business type, best first. Frequencies are for an SME (see `frequencyScale`). */
export const channelDefaults: Readonly<Record<BusinessType, readonly ChannelDefault[]>> = {
  ecommerce: [
    {
      network: 'instagram',
      roles: ['product_discovery', 'community', 'retargeting'],
      formats: [
        { format: 'carousel', content: 'product_carousel', postsPerWeek: 2 },
        { format: 'reel', content: 'product_demo_short', postsPerWeek: 1 },
        { format: 'story', content: 'teaser_story', postsPerWeek: 3 },
      ],
      basis: ecommerceExample,
    },
    {
      network: 'tiktok',
      roles: ['awareness', 'product_discovery'],
      formats: [
        { format: 'video', content: 'tutorial_video', postsPerWeek: 2 },
        { format: 'video', content: 'user_generated_content', postsPerWeek: 1 },
      ],
      basis: ecommerceExample,
    },
    {
      network: 'linkedin',
      roles: ['thought_leadership', 'recruitment'],
      formats: [{ format: 'text', content: 'industry_post', postsPerWeek: 1 }],
      basis: ecommerceExample,
    },
    {
      network: 'facebook',
      roles: ['community', 'customer_service', 'retargeting'],
      formats: [
        { format: 'multi_image', content: 'product_carousel', postsPerWeek: 1 },
        { format: 'video', content: 'customer_testimonial', postsPerWeek: 1 },
      ],
      basis: metaRetargeting,
    },
    {
      network: 'pinterest',
      roles: ['product_discovery'],
      formats: [{ format: 'pin', content: 'inspiration_pin', postsPerWeek: 3 }],
      basis: sillageDefault('Pins link to product pages and keep being found through search long after posting.'),
    },
    {
      network: 'youtube',
      roles: ['awareness', 'product_discovery'],
      formats: [
        { format: 'video', content: 'tutorial_video', postsPerWeek: 1 },
        { format: 'short', content: 'product_demo_short', postsPerWeek: 1 },
      ],
      basis: sillageDefault('Long tutorials answer search queries before a purchase; Shorts reuse the TikTok cuts.'),
    },
  ],
  b2b: [
    {
      network: 'linkedin',
      roles: ['thought_leadership', 'lead_generation'],
      formats: [
        { format: 'text', content: 'industry_post', postsPerWeek: 2 },
        { format: 'document', content: 'expert_document', postsPerWeek: 1 },
        { format: 'video', content: 'webinar_clip', postsPerWeek: 1 },
      ],
      basis: fromGuide(
        'social_advertising',
        'une campagne LinkedIn ciblée vers des postes décisionnaires pour une solution B2B',
      ),
    },
    {
      network: 'facebook',
      roles: ['retargeting'],
      formats: [{ format: 'link', content: 'white_paper_promotion', postsPerWeek: 1 }],
      basis: metaRetargeting,
    },
    {
      network: 'youtube',
      roles: ['thought_leadership', 'awareness'],
      formats: [{ format: 'video', content: 'webinar_clip', postsPerWeek: 1 }],
      basis: sillageDefault(
        'Webinar recordings and product walkthroughs are searched for during long B2B purchase cycles.',
      ),
    },
    {
      network: 'x',
      roles: ['thought_leadership', 'community'],
      formats: [{ format: 'thread', content: 'conversation_thread', postsPerWeek: 2 }],
      basis: sillageDefault(
        'Industry conversations and events are followed live there; threads reuse the LinkedIn posts.',
      ),
    },
    {
      network: 'instagram',
      roles: ['recruitment', 'awareness'],
      formats: [{ format: 'carousel', content: 'behind_the_scenes', postsPerWeek: 1 }],
      basis: sillageDefault('Shows the team and culture, which helps hiring and makes the brand recognisable.'),
    },
    {
      network: 'threads',
      roles: ['community'],
      formats: [{ format: 'text', content: 'conversation_thread', postsPerWeek: 2 }],
      basis: sillageDefault('Extends the conversations started on X to the Meta audience at no production cost.'),
    },
  ],
  local: [
    {
      network: 'google_business',
      roles: ['local_visibility', 'customer_service'],
      formats: [
        { format: 'local_post', content: 'local_news', postsPerWeek: 1 },
        { format: 'offer', content: 'local_offer', postsPerWeek: 1 },
      ],
      basis: fromGuide(
        'community_listening',
        'réponses aux commentaires, gestion des avis et animation des communautés',
        'For a local business the profile in Maps and Search is where reviews are left and answered.',
      ),
    },
    {
      network: 'facebook',
      roles: ['community', 'local_visibility', 'customer_service'],
      formats: [
        { format: 'image', content: 'event_announcement', postsPerWeek: 1 },
        { format: 'text', content: 'community_question', postsPerWeek: 1 },
      ],
      basis: sillageDefault('Neighbourhood groups, events and opening-hours questions happen on Facebook pages.'),
    },
    {
      network: 'instagram',
      roles: ['awareness', 'community'],
      formats: [
        { format: 'story', content: 'behind_the_scenes', postsPerWeek: 3 },
        { format: 'reel', content: 'product_demo_short', postsPerWeek: 1 },
      ],
      basis: sillageDefault('Stories show daily life in the shop; Reels reach people nearby who do not follow yet.'),
    },
    {
      network: 'tiktok',
      roles: ['awareness'],
      formats: [{ format: 'video', content: 'behind_the_scenes', postsPerWeek: 1 }],
      basis: sillageDefault('Short behind-the-scenes videos reach a local audience beyond the followers.'),
    },
    {
      network: 'linkedin',
      roles: ['recruitment'],
      formats: [{ format: 'text', content: 'industry_post', postsPerWeek: 1 }],
      basis: sillageDefault('Hiring and local partnerships.'),
    },
  ],
  other: [
    {
      network: 'instagram',
      roles: ['awareness', 'community'],
      formats: [
        { format: 'carousel', content: 'educational_carousel', postsPerWeek: 2 },
        { format: 'reel', content: 'behind_the_scenes', postsPerWeek: 1 },
      ],
      basis: fromGuide(
        'content_planning',
        'Production de contenus adaptés à chaque plateforme : formats natifs, messages, tonalité, visuels et CTA',
      ),
    },
    {
      network: 'facebook',
      roles: ['community', 'customer_service'],
      formats: [{ format: 'text', content: 'community_question', postsPerWeek: 2 }],
      basis: sillageDefault('Comments and messages from the widest audience arrive there.'),
    },
    {
      network: 'linkedin',
      roles: ['thought_leadership'],
      formats: [{ format: 'text', content: 'industry_post', postsPerWeek: 1 }],
      basis: sillageDefault('Expertise and partnerships.'),
    },
    {
      network: 'tiktok',
      roles: ['awareness'],
      formats: [{ format: 'video', content: 'tutorial_video', postsPerWeek: 2 }],
      basis: sillageDefault('Short how-to videos reach people who do not follow the brand yet.'),
    },
    {
      network: 'youtube',
      roles: ['awareness'],
      formats: [{ format: 'video', content: 'tutorial_video', postsPerWeek: 1 }],
      basis: sillageDefault('Long-form answers to what the audience searches for.'),
    },
  ],
};

/** How to use a network already in use that the business type's list does not recommend. */
export const channelFallbacks: Readonly<Record<NetworkId, ChannelDefault>> = {
  facebook: {
    network: 'facebook',
    roles: ['community'],
    formats: [{ format: 'text', content: 'community_question', postsPerWeek: 1 }],
    basis: sillageDefault('An existing page keeps its audience alive with one post a week.'),
  },
  instagram: {
    network: 'instagram',
    roles: ['community'],
    formats: [{ format: 'carousel', content: 'educational_carousel', postsPerWeek: 1 }],
    basis: sillageDefault('An existing account keeps its audience alive with one post a week.'),
  },
  threads: {
    network: 'threads',
    roles: ['community'],
    formats: [{ format: 'text', content: 'conversation_thread', postsPerWeek: 1 }],
    basis: sillageDefault('An existing account keeps its audience alive with one post a week.'),
  },
  linkedin: {
    network: 'linkedin',
    roles: ['thought_leadership'],
    formats: [{ format: 'text', content: 'industry_post', postsPerWeek: 1 }],
    basis: sillageDefault('An existing page keeps its audience alive with one post a week.'),
  },
  x: {
    network: 'x',
    roles: ['community'],
    formats: [{ format: 'thread', content: 'conversation_thread', postsPerWeek: 1 }],
    basis: sillageDefault('An existing account keeps its audience alive with one post a week.'),
  },
  tiktok: {
    network: 'tiktok',
    roles: ['awareness'],
    formats: [{ format: 'video', content: 'tutorial_video', postsPerWeek: 1 }],
    basis: sillageDefault('An existing account keeps its audience alive with one video a week.'),
  },
  youtube: {
    network: 'youtube',
    roles: ['awareness'],
    formats: [{ format: 'short', content: 'product_demo_short', postsPerWeek: 1 }],
    basis: sillageDefault('An existing channel keeps its audience alive with one Short a week.'),
  },
  pinterest: {
    network: 'pinterest',
    roles: ['product_discovery'],
    formats: [{ format: 'pin', content: 'inspiration_pin', postsPerWeek: 1 }],
    basis: sillageDefault('An existing account keeps its boards found with one pin a week.'),
  },
  bluesky: {
    network: 'bluesky',
    roles: ['community'],
    formats: [{ format: 'text', content: 'conversation_thread', postsPerWeek: 1 }],
    basis: sillageDefault('An existing account keeps its audience alive with one post a week.'),
  },
  mastodon: {
    network: 'mastodon',
    roles: ['community'],
    formats: [{ format: 'text', content: 'conversation_thread', postsPerWeek: 1 }],
    basis: sillageDefault('An existing account keeps its audience alive with one post a week.'),
  },
  google_business: {
    network: 'google_business',
    roles: ['local_visibility', 'customer_service'],
    formats: [{ format: 'local_post', content: 'local_news', postsPerWeek: 1 }],
    basis: sillageDefault('An existing profile shows it is alive with one local post a week; reviews are answered.'),
  },
};

/** How many recommended channels a team of this size can run well, before the channels already in use. */
export const channelCountBySize: Readonly<Record<BusinessSize, { count: number; basis: Basis }>> = {
  solo: {
    count: 2,
    basis: sillageDefault('One person cannot produce native content for more than two networks at first.'),
  },
  sme: {
    count: 4,
    basis: sillageDefault(
      'A small team covers three or four networks; the guide asks for several channels to limit platform dependence.',
      'risks',
    ),
  },
  mid: { count: 5, basis: sillageDefault('A dedicated team can add a fifth network.') },
  enterprise: { count: 6, basis: sillageDefault('Several teams and agencies can cover six networks.') },
};

/** Multiplier applied to the SME frequencies (rounded, at least one post a week per format). */
export const frequencyScale: Readonly<Record<BusinessSize, { factor: number; basis: Basis }>> = {
  solo: { factor: 0.5, basis: sillageDefault('Half the SME rhythm: what one person can sustain with quality.') },
  sme: { factor: 1, basis: sillageDefault('The reference rhythm of the defaults, sized for a team of two or three.') },
  mid: { factor: 1.5, basis: sillageDefault('A larger team publishes more, within what each network rewards.') },
  enterprise: { factor: 2, basis: sillageDefault('Several producers; more variations to A/B test.') },
};
