/**
 * What kind of client followed a tracked link, from its User-Agent header: bots, crawlers, link-preview
 * fetchers (Slack, Facebook, X, LinkedIn, WhatsApp, Discord, Telegram...), HTTP libraries and command-line
 * tools are `bot` and never count as clicks; people are `desktop`, `mobile`, `tablet` or `other`.
 */

export type UserAgentClass = 'desktop' | 'mobile' | 'tablet' | 'bot' | 'other';

/**
 * Lowercase fragments that mark a non-human client. Link unfurlers come first: they fetch every link posted
 * in a conversation, so counting them would count one click per share.
 */
export const botUserAgentMarkers: readonly string[] = [
  'slackbot',
  'slack-imgproxy',
  'facebookexternalhit',
  'facebookcatalog',
  'meta-externalagent',
  'twitterbot',
  'linkedinbot',
  'whatsapp',
  'telegrambot',
  'discordbot',
  'skypeuripreview',
  'microsoftpreview',
  'teams',
  'pinterestbot',
  'redditbot',
  'embedly',
  'iframely',
  'mastodon',
  'bluesky',
  'cardyb',
  'applebot',
  'googlebot',
  'google-inspectiontool',
  'adsbot-google',
  'mediapartners-google',
  'feedfetcher-google',
  'bingbot',
  'bingpreview',
  'duckduckbot',
  'yandex',
  'baiduspider',
  'petalbot',
  'semrushbot',
  'ahrefsbot',
  'mj12bot',
  'dotbot',
  'gptbot',
  'chatgpt-user',
  'claudebot',
  'perplexitybot',
  'bytespider',
  'headlesschrome',
  'phantomjs',
  'lighthouse',
  'curl/',
  'wget/',
  'python-requests',
  'python-urllib',
  'aiohttp',
  'httpx',
  'go-http-client',
  'java/',
  'okhttp',
  'apache-httpclient',
  'libwww-perl',
  'node-fetch',
  'undici',
  'axios/',
  'postmanruntime',
  'insomnia',
  'httpie',
  'uptimerobot',
  'pingdom',
  'statuscake',
  'bot',
  'crawler',
  'spider',
  'preview',
  'fetcher',
  'scanner',
  'monitor',
];

/**
 * Classifies a User-Agent. A missing or empty one is a bot: every browser sends one.
 * @example classifyUserAgent('Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)') // 'bot'
 * @example classifyUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) ... Mobile/15E148 Safari/604.1') // 'mobile'
 */
export function classifyUserAgent(userAgent: string | undefined): UserAgentClass {
  const agent = (userAgent ?? '').trim().toLowerCase();
  if (agent === '') return 'bot';
  if (botUserAgentMarkers.some((marker) => agent.includes(marker))) return 'bot';
  if (!agent.startsWith('mozilla/') && !agent.startsWith('opera/')) return 'other';
  if (agent.includes('ipad') || (agent.includes('android') && !agent.includes('mobile')) || agent.includes('tablet'))
    return 'tablet';
  if (agent.includes('mobi') || agent.includes('iphone') || agent.includes('android')) return 'mobile';
  return 'desktop';
}

/** Whether a User-Agent is a bot, crawler, link-preview fetcher or tool (never counted as a click). */
export function isBotUserAgent(userAgent: string | undefined): boolean {
  return classifyUserAgent(userAgent) === 'bot';
}
