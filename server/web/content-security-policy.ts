/**
 * What our HTML pages (the home page, the explorer, GraphiQL) may load: scripts, styles, fonts, images and API
 * calls from our own origin, and nothing else. No inline script or style, no `eval`, no `data:` URLs (the build
 * writes GraphiQL's inline fonts and icons out as files), no plugins, no framing by other sites.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every HTML page, alongside the policy. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  // Pages are small and name their assets by content hash: always ask again, so a new build shows at once.
  'cache-control': 'no-cache',
};

/** Whether a response is one of our pages (GraphiQL's, rendered by Yoga, included). */
export function isPage(response: Response): boolean {
  return /^text\/html\b/i.test(response.headers.get('content-type') ?? '');
}
