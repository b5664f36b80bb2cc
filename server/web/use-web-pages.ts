import type { Plugin } from 'graphql-yoga';
import { WEB_BUILD_DIR, readManifest } from '../../explorer/build.ts';
import { OPERATIONS } from '../../explorer/operations.ts';
import { sha256 } from '../../explorer/trusted-documents.ts';
import type { TrustedDocuments } from '../plugins/use-trusted-documents.ts';
import { PAGE_HEADERS, isPage } from './content-security-policy.ts';
import { explorerPage, graphiqlPage, homePage, type ExplorerPageConfig } from './pages.ts';
import { ASSETS_PATH, staticAssets, type StaticAssets } from './static-assets.ts';

export const EXPLORER_PATH = '/explorer';

export interface WebPagesOptions {
  readonly endpoint: string;
  /** Whether GraphiQL is served (introspection on): the pages link to it only then. */
  readonly graphiql: boolean;
  /** The server's trusted documents, when it runs only those. */
  readonly trustedDocuments: TrustedDocuments | undefined;
  /** Where the built assets are. @default WEB_BUILD_DIR */
  readonly buildDir?: string;
}

export interface WebPages {
  readonly plugin: Plugin;
  /** GraphiQL's page, for Yoga's `renderGraphiQL`: Yoga decides when to serve it (GET /graphql asking for HTML, introspection on). */
  readonly renderGraphiQL: (options: { readonly title: string; readonly defaultQuery: string }) => Promise<string>;
}

/**
 * The pages a person opens in a browser: `/` (what is here), `/explorer` and every URL below it (one page whose
 * script renders the address), and their built files under `/assets/`. Every HTML answer, GraphiQL's included,
 * gets our Content-Security-Policy. The build is read on first use, so an app made in a test costs nothing
 * until a page is asked for.
 */
export function webPages(options: WebPagesOptions): WebPages {
  const dir = options.buildDir ?? WEB_BUILD_DIR;
  let assets: Promise<StaticAssets> | undefined;
  const load = async () => {
    const loaded = await (assets ??= readManifest(dir).then((manifest) => staticAssets(dir, manifest)));
    // Not built yet: look again next time, so that a build made meanwhile is served without a restart.
    if (!loaded.manifest) assets = undefined;
    return loaded;
  };
  const config: ExplorerPageConfig = {
    endpoint: options.endpoint,
    persisted: options.trustedDocuments !== undefined,
    operationsTrusted: options.trustedDocuments === undefined || Object.values(OPERATIONS).every((document) => options.trustedDocuments?.get(sha256(document)) === document),
    graphiql: options.graphiql,
  };
  const plugin: Plugin = {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      const { pathname } = url;
      const isAsset = pathname.startsWith(ASSETS_PATH);
      const isPagePath = pathname === '/' || pathname === EXPLORER_PATH || pathname.startsWith(`${EXPLORER_PATH}/`);
      if (!isAsset && !isPagePath) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      const { manifest, read } = await load();
      if (isAsset) {
        const file = await read(pathname.slice(ASSETS_PATH.length), request.headers.get('accept-encoding'));
        endResponse(file ? new fetchAPI.Response(file.body, { headers: file.headers }) : new fetchAPI.Response('Not found', { status: 404 }));
        return;
      }
      const html = pathname === '/' ? homePage(manifest, options) : explorerPage(manifest, config);
      endResponse(new fetchAPI.Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
    },
    onResponse({ response }) {
      if (!isPage(response)) return;
      for (const [name, value] of Object.entries(PAGE_HEADERS)) response.headers.set(name, value);
    },
  };
  return {
    plugin,
    renderGraphiQL: async ({ title, defaultQuery }) => graphiqlPage((await load()).manifest, { title, defaultQuery, endpoint: options.endpoint }),
  };
}
