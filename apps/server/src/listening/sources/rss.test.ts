import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseFeed } from './feed-parser.ts';
import { createRssSource, RssFeedError } from './rss.ts';

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Le Journal de la Déco</title><language>fr-FR</language>
${items}
</channel></rss>`;

const firstItem = `<item>
  <title>Maison Lumière ouvre à Lyon &amp; à Paris</title>
  <link>https://deco.example/articles/1</link>
  <guid isPermaLink="false">deco-1</guid>
  <dc:creator><![CDATA[Léa Martin]]></dc:creator>
  <pubDate>Fri, 20 Nov 2026 09:30:00 GMT</pubDate>
  <description><![CDATA[<p>La marque de <b>bougies</b> lyonnaise s'agrandit &mdash; deux boutiques.</p>]]></description>
</item>`;
const secondItem = `<item>
  <title>Livraisons en retard : les clients de Maison Lumière s’impatientent</title>
  <link>https://deco.example/articles/2</link>
  <guid>https://deco.example/articles/2</guid>
  <pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate>
  <description>Des colis bloqués depuis dix jours &lt;br/&gt;selon plusieurs témoignages.</description>
</item>`;

describe('the RSS and Atom source', () => {
  let server: Server;
  let url: string;
  let body = rss(firstItem);
  let etag = '"v1"';
  const requests: IncomingHttpHeaders[] = [];

  before(async () => {
    server = createServer((request, response) => {
      requests.push(request.headers);
      if (request.url === '/missing') {
        response.writeHead(404).end('not here');
        return;
      }
      if (request.url === '/html') {
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Not a feed</body></html>');
        return;
      }
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304).end();
        return;
      }
      response
        .writeHead(200, {
          'content-type': 'application/rss+xml',
          etag,
          'last-modified': 'Sat, 21 Nov 2026 07:05:00 GMT',
        })
        .end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const source = createRssSource({ fetch: globalThis.fetch, now: () => new Date('2026-11-21T08:00:00Z') });

  it('reads items as mentions, then asks conditionally and gets only the new items', async () => {
    const first = await source.poll(url);
    assert.equal(first.status, 'changed');
    assert.equal(first.mentions.length, 1);
    const [mention] = first.mentions;
    assert.equal(mention!.source, 'rss');
    assert.equal(mention!.networkId, `${url}#deco-1`);
    assert.equal(
      mention!.text,
      "Maison Lumière ouvre à Lyon & à Paris — La marque de bougies lyonnaise s'agrandit — deux boutiques.",
    );
    assert.equal(mention!.author, 'Léa Martin');
    assert.equal(mention!.language, 'fr-FR');
    assert.equal(mention!.url, 'https://deco.example/articles/1');
    assert.equal(mention!.publishedAt.toISOString(), '2026-11-20T09:30:00.000Z');
    assert.equal(mention!.reach, null, 'feeds do not report reach');
    assert.deepEqual(first.cursor, { etag: '"v1"', lastModified: 'Sat, 21 Nov 2026 07:05:00 GMT', seen: ['deco-1'] });

    const unchanged = await source.poll(url, first.cursor);
    assert.equal(unchanged.status, 'not_modified');
    assert.equal(requests.at(-1)!['if-none-match'], '"v1"');
    assert.equal(requests.at(-1)!['if-modified-since'], 'Sat, 21 Nov 2026 07:05:00 GMT');

    body = rss(secondItem + firstItem);
    etag = '"v2"';
    const next = await source.poll(url, first.cursor);
    assert.equal(next.status, 'changed');
    assert.deepEqual(
      next.mentions.map((item) => [item.networkId, item.text]),
      [
        [
          'https://deco.example/articles/2',
          'Livraisons en retard : les clients de Maison Lumière s’impatientent — Des colis bloqués depuis dix jours selon plusieurs témoignages.',
        ],
      ],
    );
    assert.deepEqual(next.cursor.seen, ['https://deco.example/articles/2', 'deco-1']);
  });

  it('says what is wrong with a feed that cannot be read, and whether to retry', async () => {
    await assert.rejects(source.poll(url.replace('/feed.xml', '/missing')), (error: RssFeedError) => {
      return error instanceof RssFeedError && !error.retryable && /HTTP 404/.test(error.message);
    });
    await assert.rejects(source.poll(url.replace('/feed.xml', '/html')), /not an RSS or Atom feed/);
    await assert.rejects(source.poll('http://127.0.0.1:1/feed.xml'), (error: RssFeedError) => error.retryable);
  });

  it('reads Atom entries with their alternate link, author name and dates', () => {
    const feed = parseFeed(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Candle News</title>
  <entry>
    <title type="html">Cirelle &lt;em&gt;launches&lt;/em&gt; a refill</title>
    <link rel="self" href="https://news.example/self/9"/>
    <link rel="alternate" type="text/html" href="https://news.example/9"/>
    <id>tag:news.example,2026:9</id>
    <published>2026-11-19T10:00:00+01:00</published>
    <author><name>Sam Hill</name></author>
    <summary>Refills for every candle &amp; diffuser.</summary>
  </entry>
</feed>`);
    assert.equal(feed.language, 'en');
    assert.deepEqual(feed.items, [
      {
        id: 'tag:news.example,2026:9',
        title: 'Cirelle launches a refill',
        text: 'Cirelle launches a refill — Refills for every candle & diffuser.',
        link: 'https://news.example/9',
        author: 'Sam Hill',
        publishedAt: new Date('2026-11-19T09:00:00Z'),
      },
    ]);
  });

  it('tolerates broken markup: a stray ampersand, an unclosed tag, a missing date', () => {
    const feed = parseFeed(
      rss(
        `<item><title>Bougies & co <b>soldes</title><guid>x1</guid><description>Tout à -50 % <p>vite</description></item>`,
      ),
    );
    assert.equal(feed.items.length, 1);
    assert.equal(feed.items[0]!.title, 'Bougies & co soldes');
    assert.equal(feed.items[0]!.publishedAt, null);
  });
});
