import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultEditorialLine } from './defaults/editorial-line.ts';
import { canApprove, checkEditorialLine, type EditorialCheckOptions } from './editorial-check.ts';
import type { EditorialLine } from './strategy.ts';

function line(overrides: Partial<EditorialLine> = {}): EditorialLine {
  return {
    ...defaultEditorialLine('fr'),
    bannedTerms: [
      { term: 'arnaque', severity: 'block' },
      { term: 'garanti à vie', severity: 'block' },
      { term: 'pas cher', severity: 'warn' },
    ],
    wordsToAvoid: [{ term: 'client', suggestion: 'membre' }],
    ...overrides,
  };
}

const organic: EditorialCheckOptions = { sponsored: false, isAd: false, language: 'fr' };

describe('checkEditorialLine', () => {
  it('finds a banned term inside a French elision and gives its position in the original text', () => {
    const text = "Ce n'est pas l'arnaque qu'on croit";
    const issues = checkEditorialLine(text, line(), organic);
    assert.deepEqual(issues, [
      { code: 'banned_term', severity: 'block', term: 'arnaque', matched: 'arnaque', position: { start: 15, end: 22 } },
    ]);
    assert.equal(text.slice(15, 22), 'arnaque');
  });

  it('matches regardless of case and accents, in the text and in the term, with typographic apostrophes', () => {
    const issues = checkEditorialLine('Une ARNAQUE ? Non : l’Arnâque, c’est GARANTI A VIE !', line(), organic);
    const matched = issues.filter((issue) => issue.code === 'banned_term').map((issue) => issue.matched);
    assert.deepEqual(matched, ['ARNAQUE', 'Arnâque', 'GARANTI A VIE']);
  });

  it('matches a multi-word term across several spaces or a line break, reporting the original span', () => {
    const text = 'Tout est garanti\n  à vie ici';
    const [issue] = checkEditorialLine(text, line(), organic);
    assert.ok(issue && issue.code === 'banned_term');
    assert.equal(text.slice(issue.position.start, issue.position.end), 'garanti\n  à vie');
  });

  it('does not match inside a longer word', () => {
    const issues = checkEditorialLine('Les arnaqueurs et la clientèle', line(), organic);
    assert.deepEqual(issues, []);
  });

  it('keeps positions right after characters outside the BMP and ligatures', () => {
    const text = '🎉 Cœur, arnaque';
    const [issue] = checkEditorialLine(text, line(), organic);
    assert.ok(issue && issue.code === 'banned_term');
    assert.equal(text.slice(issue.position.start, issue.position.end), 'arnaque');
    const ligature = checkEditorialLine(
      'Un bœuf',
      line({ bannedTerms: [{ term: 'boeuf', severity: 'warn' }] }),
      organic,
    );
    assert.equal(ligature[0]?.code === 'banned_term' && ligature[0].matched, 'bœuf');
  });

  it('separates blocking banned terms from warnings, and lets warnings be approved', () => {
    const warning = checkEditorialLine('Des prix pas chers ? Pas cher du tout.', line(), organic);
    assert.deepEqual(
      warning.map((issue) => [issue.code, issue.severity]),
      [['banned_term', 'warn']],
    );
    assert.equal(canApprove(warning), true);
    const blocking = checkEditorialLine('Pas cher, pas une arnaque', line(), organic);
    assert.deepEqual(
      blocking.map((issue) => issue.severity),
      ['block', 'warn'],
    );
    assert.equal(canApprove(blocking), false);
  });

  it('refuses a sponsored post without the mention of its language, and accepts it with the mention', () => {
    const missing = checkEditorialLine('Découvrez notre nouvelle gamme', line(), { ...organic, sponsored: true });
    assert.deepEqual(missing, [
      {
        code: 'missing_sponsored_mention',
        severity: 'block',
        language: 'fr',
        accepted: ['Publicité', 'Collaboration commerciale'],
      },
    ]);
    assert.equal(canApprove(missing), false);
    const present = checkEditorialLine('COLLABORATION COMMERCIALE avec @marque', line(), {
      ...organic,
      sponsored: true,
    });
    assert.deepEqual(present, []);
    assert.equal(canApprove(present), true);
  });

  it('checks the mention in the post language: a French mention does not satisfy an English post', () => {
    const issues = checkEditorialLine('Collaboration commerciale', line(), {
      sponsored: true,
      isAd: false,
      language: 'en',
    });
    assert.equal(issues[0]?.code, 'missing_sponsored_mention');
    assert.deepEqual(checkEditorialLine('Loving it #ad', line(), { sponsored: true, isAd: false, language: 'en' }), []);
    assert.equal(
      checkEditorialLine('So #adorable', line(), { sponsored: true, isAd: false, language: 'en' })[0]?.code,
      'missing_sponsored_mention',
    );
  });

  it('requires the ad mention on ads, independently of the sponsored mention', () => {
    const issues = checkEditorialLine('Soldes -50 %', line(), { sponsored: false, isAd: true, language: 'fr' });
    assert.deepEqual(
      issues.map((issue) => issue.code),
      ['missing_ad_mention'],
    );
    assert.deepEqual(
      checkEditorialLine('Sponsorisé · Soldes', line(), { sponsored: false, isAd: true, language: 'fr' }),
      [],
    );
  });

  it('reports a missing mention as blocking when the line accepts no mention for that language', () => {
    const empty = line({ mandatoryMentions: { sponsored: { fr: [], en: [] }, ad: { fr: [], en: [] } } });
    const issues = checkEditorialLine('Publicité', empty, { sponsored: true, isAd: false, language: 'fr' });
    assert.deepEqual(issues, [{ code: 'missing_sponsored_mention', severity: 'block', language: 'fr', accepted: [] }]);
  });

  it('suggests the preferred word for words to avoid without blocking', () => {
    const issues = checkEditorialLine('Merci à chaque Client', line(), organic);
    assert.deepEqual(issues, [
      {
        code: 'avoid_word',
        severity: 'suggestion',
        term: 'client',
        matched: 'Client',
        position: { start: 15, end: 21 },
        suggestion: 'membre',
      },
    ]);
    assert.equal(canApprove(issues), true);
  });
});
