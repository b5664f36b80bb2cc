import type { Plugin } from 'graphql-yoga';

export interface SecurityHeadersOptions {
  /** Served over TLS: browsers are told to come back over HTTPS only, for a year. */
  readonly strictTransportSecurity: boolean;
}

/** A year, as usual for HSTS; subdomains are left out, since they may be other people's servers. */
const HSTS = 'max-age=31536000';

/**
 * The headers a browser needs to keep our answers from being misused, on every response (API,
 * probes, metrics, pages):
 * - `X-Content-Type-Options: nosniff`: JSON is never run as a script or rendered as HTML;
 * - `X-Frame-Options: DENY`: no other site can frame us to trick a click;
 * - `Referrer-Policy: no-referrer`: nothing of ours needs the Referer (the API authenticates with a bearer
 *   token, and CSRF prevention uses a header), so pages leak no URL to the sites they link to;
 * - `Strict-Transport-Security` when served over TLS (browsers ignore it over plain HTTP).
 * Answers that are not pages also get `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'`:
 * an API answer loads nothing and is framed by no one. HTML pages set their own policy, which is kept, as
 * is any Referrer-Policy a page chose.
 */
export function useSecurityHeaders({ strictTransportSecurity }: SecurityHeadersOptions): Plugin {
  return {
    onResponse({ response }) {
      const headers = response.headers;
      headers.set('x-content-type-options', 'nosniff');
      headers.set('x-frame-options', 'DENY');
      if (!headers.has('referrer-policy')) headers.set('referrer-policy', 'no-referrer');
      const isPage = /^text\/html\b/i.test(headers.get('content-type') ?? '');
      if (!isPage && !headers.has('content-security-policy')) headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      if (strictTransportSecurity) headers.set('strict-transport-security', HSTS);
      // Yoga names itself on /health; a probe says whether we are alive, not what we are made of.
      headers.delete('x-yoga-id');
    },
  };
}
