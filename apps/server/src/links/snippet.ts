/**
 * The browser snippet served at /sillage.js. It keeps the visitor id a tracked link put in the `slg_v` query
 * parameter in a first-party cookie of the site, and sends conversions to /api/conversions as text/plain JSON
 * (a CORS "simple" request: no preflight), without cookies, with fetch keepalive or, failing that, sendBeacon.
 *
 *   <script async src="https://sillage.example/sillage.js" data-site-key="slg_pk_..."></script>
 *   sillage('purchase', { eventId: 'order-1042', value: { amountMinor: 4990, currency: 'EUR' } });
 */
export const sillageSnippet = `/* Sillage conversions snippet: docs/links-and-conversions.md */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var siteKey = script.getAttribute('data-site-key') || '';
  var endpoint = new URL('/api/conversions', script.src).toString();
  var NAME = 'slg_v';
  var VALID = /^[A-Za-z0-9-]{16,64}$/;
  var MAX_AGE = 395 * 86400;
  function readCookie() {
    var match = document.cookie.match(/(?:^|; )slg_v=([^;]+)/);
    return match && VALID.test(match[1]) ? match[1] : null;
  }
  function writeCookie(value) {
    document.cookie = NAME + '=' + value + '; Max-Age=' + MAX_AGE + '; Path=/; SameSite=Lax' +
      (location.protocol === 'https:' ? '; Secure' : '');
  }
  function randomId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  var fromLink = new URLSearchParams(location.search).get(NAME);
  if (fromLink && VALID.test(fromLink)) writeCookie(fromLink);
  if (!readCookie()) writeCookie(randomId());
  function send(type, options) {
    options = options || {};
    var event = { siteKey: siteKey, eventId: String(options.eventId || randomId()), type: type,
      visitorId: readCookie() || randomId(), occurredAt: new Date().toISOString() };
    if (options.value) event.value = options.value;
    var body = JSON.stringify(event);
    if (window.fetch) {
      fetch(endpoint, { method: 'POST', body: body, headers: { 'content-type': 'text/plain;charset=UTF-8' },
        keepalive: true, credentials: 'omit', mode: 'cors' }).catch(function () {});
    } else if (navigator.sendBeacon) {
      navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
    }
    return event.eventId;
  }
  var queued = window.sillage && window.sillage.q ? window.sillage.q : [];
  window.sillage = function (type, options) { return send(type, options); };
  window.sillage.visitorId = readCookie;
  for (var i = 0; i < queued.length; i += 1) send(queued[i][0], queued[i][1]);
})();
`;
