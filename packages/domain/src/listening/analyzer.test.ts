import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTextAnalyzer } from './analyzer.ts';
import type { SentimentCorrection, SentimentLabel } from './text-analysis.ts';

const analyzer = createTextAnalyzer();
const read = (text: string, language?: 'fr' | 'en') =>
  analyzer.analyze(text, language === undefined ? undefined : { language }).sentiment;
const label = (text: string, language?: 'fr' | 'en') => read(text, language).label;
const score = (text: string, language?: 'fr' | 'en') => read(text, language).score;

describe('createTextAnalyzer out of the box', () => {
  it('labels plainly positive, negative and neutral sentences in French and English', () => {
    assert.equal(label('Merci pour la livraison rapide, la bougie est magnifique'), 'positive');
    assert.equal(label('Quelle honte, ce service client est vraiment nul'), 'negative');
    assert.equal(label('La boutique ouvre à dix heures le samedi'), 'neutral');
    assert.equal(label('Thanks for the quick delivery, the candle is gorgeous'), 'positive');
    assert.equal(label('What a shame, the customer service is awful'), 'negative');
    assert.equal(label('The shop opens at ten on Saturdays'), 'neutral');
  });

  it('flips a negated word: ne...pas, jamais, not, never, n’t', () => {
    assert.equal(label('Ce parfum est bon'), 'positive');
    assert.equal(label("Ce parfum n'est pas bon"), 'negative');
    assert.equal(label('Je ne suis jamais satisfaite de leurs colis'), 'negative');
    assert.equal(label('The scent is good'), 'positive');
    assert.equal(label('The scent is not good'), 'negative');
    assert.equal(label("I don't love this scent"), 'negative');
    assert.equal(label('I never liked this scent'), 'negative');
  });

  it('does not negate across a sentence break', () => {
    assert.equal(label('Pas de souci. Le parfum est excellent', 'fr'), 'positive');
  });

  it('knows the idioms "pas mal" and "pas terrible"', () => {
    assert.equal(label("C'est pas mal du tout"), 'positive');
    assert.equal(label("Franchement c'est pas terrible"), 'negative');
  });

  it('strengthens a word after an intensifier and weakens it after a diminisher', () => {
    assert.ok(score('Ce parfum est très bon') > score('Ce parfum est bon'));
    assert.ok(score('Ce parfum est peu agréable', 'fr') < score('Ce parfum est agréable', 'fr'));
    assert.ok(score('The scent is extremely good') > score('The scent is good'));
    assert.ok(score('The scent is slightly good') < score('The scent is good'));
  });

  it('reads elided words: j’adore, l’horreur, d’excellente', () => {
    assert.equal(label("J'adore cette collection"), 'positive');
    assert.equal(label("L'horreur, trois semaines d'attente", 'fr'), 'negative');
    assert.equal(label("Une bougie d'excellente qualité"), 'positive');
  });

  it('scores emoji and emoticons, in any language', () => {
    assert.equal(label('La nouvelle collection 😍😍'), 'positive');
    assert.equal(label('La nouvelle collection 😡'), 'negative');
    assert.equal(label('The new collection :('), 'negative');
    assert.equal(label('😍'), 'positive');
  });

  it('amplifies with exclamation marks and words in capitals', () => {
    assert.ok(score('The scent is good!!!') > score('The scent is good'));
    assert.ok(score('The scent is GOOD, the box too') > score('The scent is good, the box too'));
  });

  it('weighs what follows "but" / "mais" more than what precedes it', () => {
    assert.equal(label('The box is pretty but the scent is horrible'), 'negative');
    assert.equal(label("L'emballage est moche mais le parfum est sublime"), 'positive');
  });

  it('turns praise marked as irony into a negative', () => {
    assert.equal(label('Super, encore un colis perdu #ironie'), 'negative');
    assert.equal(label('Great, another lost parcel #sarcasm'), 'negative');
  });

  it('gives languages it does not model a neutral, low-confidence read when there is no emoji', () => {
    const analysis = analyzer.analyze('Der Kundenservice ist wirklich gut und sehr schnell');
    assert.equal(analysis.language, 'other');
    assert.equal(analysis.sentiment.label, 'neutral');
    assert.ok(analysis.sentiment.confidence <= 0.5);
  });

  it('falls back on the lexicons when a short text has no function word', () => {
    const analysis = analyzer.analyze('Magnifique !');
    assert.equal(analysis.language, 'fr');
    assert.equal(analysis.sentiment.label, 'positive');
    assert.ok(analysis.languageConfidence < 0.5);
  });

  it('keeps scores and confidences in their ranges', () => {
    for (const text of ['', 'ok', 'TERRIBLE TERRIBLE TERRIBLE!!!!!!', 'best best best best best 😍😍😍']) {
      const { sentiment, language } = analyzer.analyze(text);
      assert.ok(sentiment.score >= -1 && sentiment.score <= 1, `${text}: ${sentiment.score}`);
      assert.ok(sentiment.confidence >= 0 && sentiment.confidence <= 1, `${text}: ${sentiment.confidence}`);
      assert.ok(['fr', 'en', 'other'].includes(language));
    }
  });
});

describe('createTextAnalyzer with corrections', () => {
  // A workspace where "rupture" (out of stock) and "précommande" are bad news: no lexicon knows that.
  const corrections: SentimentCorrection[] = [
    { text: 'Encore en rupture de stock sur le site', label: 'negative' },
    { text: 'Toujours en rupture, ça fait un mois', label: 'negative' },
    { text: 'Rupture de stock de la bougie ambre', label: 'negative' },
    { text: 'La bougie figue est en rupture', label: 'negative' },
    { text: 'Rupture totale sur la collection hiver', label: 'negative' },
    { text: 'Livrée ce matin, tout est parfait', label: 'positive' },
    { text: 'Très contente de ma commande', label: 'positive' },
    { text: 'La boutique ouvre à dix heures', label: 'neutral' },
    { text: 'Nouvelle adresse pour le magasin de Lyon', label: 'neutral' },
  ];
  const unseen = 'La collection printemps est en rupture de stock';

  it('changes the label of similar texts after corrections', () => {
    assert.equal(createTextAnalyzer().analyze(unseen, { language: 'fr' }).sentiment.label, 'neutral');
    const learned = createTextAnalyzer({ corrections });
    assert.equal(learned.analyze(unseen, { language: 'fr' }).sentiment.label, 'negative');
  });

  it('keeps the rules for texts the corrections say nothing about', () => {
    const learned = createTextAnalyzer({ corrections });
    assert.equal(learned.analyze("J'adore ce parfum, merci !").sentiment.label, 'positive');
    assert.equal(learned.analyze('Quelle honte, service client horrible').sentiment.label, 'negative');
  });

  it('gives a corrected text its corrected label, also when reposted with other mentions', () => {
    const text = 'Le parfum sent très bon';
    const learned = createTextAnalyzer({ corrections: [{ text, label: 'negative' }] });
    assert.equal(learned.analyze(text).sentiment.label, 'negative');
    assert.equal(learned.analyze(`@maison_lumiere  ${text.toUpperCase()}`).sentiment.label, 'negative');
  });

  it('trains deterministically: the same corrections give the same scores', () => {
    const first = createTextAnalyzer({ corrections }).analyze(unseen, { language: 'fr' });
    const second = createTextAnalyzer({ corrections }).analyze(unseen, { language: 'fr' });
    assert.deepEqual(first, second);
  });

  it('learns every label, not only negative', () => {
    const praise: SentimentLabel = 'positive';
    const learned = createTextAnalyzer({
      corrections: [
        { text: 'Le flacon est lourd et massif', label: praise },
        { text: 'Un flacon lourd, massif, qui reste sur la coiffeuse', label: praise },
        { text: 'Ce flacon massif en verre lourd', label: praise },
        { text: 'Lourd et massif comme un vrai flacon', label: praise },
      ],
    });
    assert.equal(learned.analyze('Mon flacon est lourd et massif', { language: 'fr' }).sentiment.label, 'positive');
  });
});
