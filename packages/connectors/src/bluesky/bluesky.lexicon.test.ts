import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFacets } from './bluesky.facets.ts';
import { buildPostRecord, externalEmbed, imagesEmbed, type BlobRef } from './bluesky.mapper.ts';
import { validateRecord } from './testing/lexicon-validator.ts';

const createdAt = new Date('2026-01-01T12:00:00.000Z');
const blob: BlobRef = {
  $type: 'blob',
  ref: { $link: 'bafkreibabalobzn6cd366ukcsjycp4yymjymgfxcv6xczmlgpemzkz3cfa' },
  mimeType: 'image/jpeg',
  size: 234567,
};
const parent = {
  uri: 'at://did:plc:abc123/app.bsky.feed.post/3lbxyz2abcd2k',
  cid: 'bafyreia6ovkzpilqtwgnfrmd7ik2ozerwjskvvp3ogzlwoytjb7tuhd2ay',
};

describe('Bluesky records against the app.bsky lexicons', () => {
  it('accepts a post with link, mention and hashtag facets', () => {
    const text = 'Hello @alice.bsky.social! #launch https://example.com';
    const record = buildPostRecord({
      text,
      createdAt,
      facets: buildFacets(text, new Map([['alice.bsky.social', 'did:plc:alice123']])),
      langs: ['en'],
    });
    assert.equal(record.facets?.length, 3);
    assert.deepEqual(validateRecord('app.bsky.feed.post', record), []);
  });

  it('accepts a post with four images, alt text and aspect ratios', () => {
    const images = [1, 2, 3, 4].map((n) => ({ blob, alt: `Image ${n}`, width: 1200, height: 800 }));
    const record = buildPostRecord({ text: 'Four', createdAt, facets: [], embed: imagesEmbed(images) });
    assert.deepEqual(validateRecord('app.bsky.feed.post', record), []);
  });

  it('accepts a link card (app.bsky.embed.external) with empty title and description', () => {
    const record = buildPostRecord({
      text: '',
      createdAt,
      facets: [],
      embed: externalEmbed({ url: 'https://example.com/article' }),
    });
    assert.deepEqual(validateRecord('app.bsky.feed.post', record), []);
  });

  it('accepts a reply with root and parent strong refs', () => {
    const record = buildPostRecord({ text: 'Part 2', createdAt, facets: [], reply: { root: parent, parent } });
    assert.deepEqual(validateRecord('app.bsky.feed.post', record), []);
  });

  it('catches what the lexicon forbids, so the validator can fail', () => {
    const tooLong = buildPostRecord({ text: 'a'.repeat(301), createdAt, facets: [] });
    assert.match(validateRecord('app.bsky.feed.post', tooLong).join(), /over 300 graphemes/);
    const fiveImages = buildPostRecord({
      text: 'x',
      createdAt,
      facets: [],
      embed: imagesEmbed([1, 2, 3, 4, 5].map(() => ({ blob }))),
    });
    assert.match(validateRecord('app.bsky.feed.post', fiveImages).join(), /more than 4 items/);
    const video = buildPostRecord({
      text: 'x',
      createdAt,
      facets: [],
      embed: imagesEmbed([{ blob: { ...blob, mimeType: 'video/mp4' } }]),
    });
    assert.match(validateRecord('app.bsky.feed.post', video).join(), /video\/mp4 is not accepted/);
    const badReply = { ...buildPostRecord({ text: 'x', createdAt, facets: [] }), reply: { root: parent } };
    assert.match(validateRecord('app.bsky.feed.post', badReply).join(), /parent is required/);
    const badFacet = {
      ...buildPostRecord({ text: 'x', createdAt, facets: [] }),
      facets: [
        { index: { byteStart: 0, byteEnd: 1 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'alice' }] },
      ],
    };
    assert.match(validateRecord('app.bsky.feed.post', badFacet).join(), /not a valid did/);
  });
});
