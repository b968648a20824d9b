import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyUserAgent, isBotUserAgent } from './user-agent.ts';

const chromeDesktop =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ipad =
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const androidPhone =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36';
const androidTablet =
  'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

test('people: desktop, mobile and tablet browsers', () => {
  assert.equal(classifyUserAgent(chromeDesktop), 'desktop');
  assert.equal(classifyUserAgent(iphone), 'mobile');
  assert.equal(classifyUserAgent(androidPhone), 'mobile');
  assert.equal(classifyUserAgent(ipad), 'tablet');
  assert.equal(classifyUserAgent(androidTablet), 'tablet');
});

test('link-preview fetchers, crawlers and tools are bots', () => {
  const bots = [
    'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'Twitterbot/1.0',
    'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
    'WhatsApp/2.23.20.0',
    'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
    'TelegramBot (like TwitterBot)',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36',
    'curl/8.5.0',
    'Wget/1.21.4',
    'python-requests/2.32.3',
    'Go-http-client/2.0',
    'Mastodon/4.3.0 (http.rb/5.2.0; +https://mastodon.social/)',
    '',
  ];
  for (const agent of bots) assert.equal(isBotUserAgent(agent), true, agent);
  assert.equal(isBotUserAgent(undefined), true);
});

test('a non-browser client that is not a known bot is "other"', () => {
  assert.equal(classifyUserAgent('SomeShopApp/3.2 (iOS)'), 'other');
  assert.equal(isBotUserAgent('SomeShopApp/3.2 (iOS)'), false);
});
