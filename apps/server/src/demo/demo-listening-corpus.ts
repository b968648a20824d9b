/**
 * What the demo's mentions are made of: Maison Lumière (the demo brand, candles and home fragrance from Lyon),
 * two competitors, and the words people use about them in French and English. Texts are written to read like
 * real posts and reviews; nothing here comes from a real account.
 */

export type DemoBrand = {
  key: 'lumiere' | 'aurore' | 'cirelle';
  /** How people write the name, most common first. */
  names: readonly string[];
  hashtag: string;
  handle: string;
  /** Mentions per minute at the busiest hour of a normal day. */
  peakPerMinute: number;
};

export const demoBrands: readonly DemoBrand[] = [
  {
    key: 'lumiere',
    names: ['Maison Lumière', 'Maison Lumiere', 'MAISON LUMIÈRE', 'maison lumière'],
    hashtag: 'maisonlumiere',
    handle: 'maisonlumiere',
    peakPerMinute: 4,
  },
  {
    key: 'aurore',
    names: ['Bougies Aurore', 'Aurore Bougies', 'bougies aurore'],
    hashtag: 'bougiesaurore',
    handle: 'aurore_bougies',
    peakPerMinute: 2.5,
  },
  {
    key: 'cirelle',
    names: ['Cirelle', 'CIRELLE', 'cirelle'],
    hashtag: 'cirelle',
    handle: 'cirelle_paris',
    peakPerMinute: 1.5,
  },
];

/** The queries the demo workspace starts with. */
export const demoQueries = [
  {
    name: 'Maison Lumière',
    kind: 'brand' as const,
    text: '"maison lumière" OR "maison lumiere" OR #maisonlumiere OR @maisonlumiere',
  },
  {
    name: 'Bougies Aurore',
    kind: 'competitor' as const,
    text: '"bougies aurore" OR "aurore bougies" OR #bougiesaurore OR @aurore_bougies',
  },
  { name: 'Cirelle', kind: 'competitor' as const, text: 'cirelle OR #cirelle OR @cirelle_paris' },
  {
    name: 'Livraison et colis',
    kind: 'topic' as const,
    text: '(livraison OR livré* OR colis OR commande OR delivery OR parcel OR order) NEAR/6 (retard OR perdu* OR "pas reçu" OR "jamais reçu" OR late OR lost OR "never arrived" OR "still waiting")',
  },
  {
    name: 'Bougies parfumées',
    kind: 'topic' as const,
    text: '(bougie* OR candle* OR "home fragrance") -concours -giveaway',
  },
];

type Language = 'fr' | 'en';
type Tone = 'positive' | 'neutral' | 'negative';

/** `{b}`: the brand as written; `{p}`: a product; `{c}`: a city. */
export const templates: Record<Language, Record<Tone, readonly string[]>> = {
  fr: {
    positive: [
      'Je viens de recevoir ma {p} {b}, l’odeur est divine 😍',
      'Franchement {b} c’est le top, la {p} tient des heures et sent super bon',
      'Cadeau parfait pour ma mère : une {p} {b}. Elle a adoré ✨',
      'Soirée cocooning avec ma nouvelle {p} {b} 🕯️ trop bien',
      'Service client {b} adorable, ils ont échangé ma {p} sans souci. Merci !',
      'Boutique {b} à {c} magnifique, accueil chaleureux, je recommande',
      'La collection d’automne de {b} est sublime, j’ai craqué pour la {p}',
    ],
    neutral: [
      'Quelqu’un a déjà testé les {p}s {b} ? Ça vaut le prix ?',
      '{b} ouvre une boutique éphémère à {c} la semaine prochaine',
      'Je compare {b} et d’autres marques pour une {p}, des avis ?',
      'Nouvelle {p} chez {b} cette semaine',
      'Vu une pub {b} dans le métro à {c}',
    ],
    negative: [
      'Déçue par ma {p} {b}, la mèche s’est noyée au bout de deux heures 👎',
      '{b} trop cher pour ce que c’est, la {p} ne sent presque rien',
      'Ma {p} {b} est arrivée cassée, pas terrible',
      'Franchement pas convaincue par la nouvelle {p} de {b}, l’odeur est écœurante',
    ],
  },
  en: {
    positive: [
      'Just got my {b} {p} and the scent is amazing 😍',
      'Obsessed with the new {b} {p}, my living room smells so cozy',
      '{b} customer service was lovely, they replaced my {p} right away. Thank you!',
      'Perfect gift: a {b} {p}. My sister loved it ✨',
      'The {b} shop in {c} is gorgeous, great staff',
    ],
    neutral: [
      'Has anyone tried the {b} {p}? Is it worth it?',
      '{b} has a pop-up store in {c} next week',
      'Comparing {b} with other brands for a {p}, thoughts?',
      'New {p} from {b} this week',
    ],
    negative: [
      'Disappointed with my {b} {p}, the wick drowned after two hours 👎',
      '{b} is overpriced, the {p} barely smells of anything',
      'My {b} {p} arrived broken, not great',
    ],
  },
};

export const products: Record<Language, readonly string[]> = {
  fr: ['bougie', 'bougie parfumée', 'diffuseur', 'brume d’oreiller', 'bougie en coffret', 'recharge de diffuseur'],
  en: ['candle', 'scented candle', 'reed diffuser', 'pillow mist', 'candle gift set', 'diffuser refill'],
};
export const cities: Record<Language, readonly string[]> = {
  fr: ['Lyon', 'Paris', 'Bordeaux', 'Lille', 'Nantes', 'Marseille'],
  en: ['London', 'Brussels', 'Montreal', 'New York', 'Geneva'],
};

/** Chatter about candles without any brand: it matches the topic query, not the brand ones. */
export const chatter: Record<Language, readonly string[]> = {
  fr: [
    'Rien de mieux qu’une bougie et un bon livre un dimanche de pluie',
    'Vous mettez vos bougies où dans le salon ? Besoin d’idées déco',
    'Astuce : couper la mèche à 5 mm avant chaque utilisation, la bougie dure plus longtemps',
    'Ma commande de bougies est arrivée, emballage impeccable',
    'Mon colis de bougies a trois jours de retard, j’espère qu’il arrive avant samedi',
  ],
  en: [
    'Nothing beats a candle and a good book on a rainy Sunday',
    'Where do you put candles in a small flat? Need ideas',
    'Tip: trim the wick to 5 mm before each use and your candle lasts longer',
    'My candle order is running late, the parcel has been stuck for two days',
  ],
};

/** The incident the demo injects: a delivery failure of Maison Lumière that goes viral. */
export const deliveryIncident: Record<Language, readonly string[]> = {
  fr: [
    'Commande {b} passée il y a trois semaines, toujours pas reçue. Service client injoignable 😡 #livraison',
    '@maisonlumiere colis perdu, aucune réponse à mes mails, c’est honteux',
    '{b} : livraison en retard de 15 jours et aucun remboursement. Arnaque ?',
    'Ça fait 3 semaines que j’attends ma commande {b}, jamais reçu. Plus jamais.',
    'Énorme retard de livraison chez {b}, le suivi du colis ne bouge plus depuis 10 jours 😤',
    'Moi aussi commande {b} jamais reçue, remboursement refusé. Inadmissible #maisonlumiere',
  ],
  en: [
    'Still waiting for my {b} order, three weeks late and no answer from customer service 😡',
    '@maisonlumiere my parcel never arrived and nobody answers. Terrible.',
    '{b} lost my order and refused a refund. Avoid.',
  ],
};

export const firstNames = [
  'camille',
  'lea',
  'hugo',
  'chloe',
  'louis',
  'ines',
  'jules',
  'manon',
  'emma',
  'noah',
  'sarah',
  'tom',
  'olivia',
  'jack',
  'amelia',
  'lucas',
];

export const listeningSources = ['x', 'bluesky', 'mastodon', 'reddit', 'youtube', 'reviews'] as const;
