import type { EntryName, WebManifest } from '../../explorer/build.ts';
import { ASSETS_PATH } from './static-assets.ts';

/** What the explorer's script is told by the page that loads it (read by explorer/src/config.ts). */
export interface ExplorerPageConfig {
  /** The GraphQL endpoint. */
  readonly endpoint: string;
  /** Whether the server runs trusted documents only: the explorer then sends each operation's hash instead of its text. */
  readonly persisted: boolean;
  /** False when it does, but its manifest lacks some of the explorer's operations: the explorer says so. */
  readonly operationsTrusted: boolean;
  /** Whether GraphiQL is on (introspection), so the explorer links to it. */
  readonly graphiql: boolean;
}

const NOT_BUILT = `The pages' scripts are not built yet. \`npm start\` builds them; or run \`npm run build:web\`, then reload.`;

/** The explorer's shell: one page for every /explorer URL, which its script renders from the address. */
export function explorerPage(manifest: WebManifest | undefined, config: ExplorerPageConfig): string {
  return page({
    title: 'Tianshan explorer',
    manifest,
    entry: 'explorer',
    head: jsonBlock('explorer-config', config),
    body: `<div id="app"><p class="loading">Loading the explorer…</p></div>
<noscript><p>The explorer needs JavaScript. The GraphQL API is at <a href="${config.endpoint}">${config.endpoint}</a>.</p></noscript>`,
  });
}

/** GraphiQL, with its options in a JSON block since no inline script may run (explorer/graphiql/boot.ts reads it). */
export function graphiqlPage(manifest: WebManifest | undefined, options: { title: string; endpoint: string; defaultQuery: string }): string {
  return page({
    title: options.title,
    manifest,
    entry: 'graphiql',
    head: jsonBlock('graphiql-options', { endpoint: options.endpoint, defaultQuery: options.defaultQuery }),
    body: `<div id="graphiql"><p class="loading">Loading GraphiQL…</p></div>`,
  });
}

/** `/`: what this server offers a person who opens it in a browser. */
export function homePage(manifest: WebManifest | undefined, { graphiql, endpoint }: { graphiql: boolean; endpoint: string }): string {
  return page({
    title: 'Tianshan',
    manifest,
    entry: 'explorer',
    script: false,
    body: `<main class="home">
<h1>Tianshan</h1>
<p>A knowledge graph of the China–Kyrgyzstan border: states, treaties, passes and regions, joined by dated relations that each keep the sentence they come from.</p>
<ul class="home-links">
<li><a href="/explorer">Explorer</a>: search, entity pages, a graph of each neighbourhood, a timeline and the sources.</li>
${graphiql ? `<li><a href="${endpoint}">GraphiQL</a>: write GraphQL queries against the API, with its documentation beside them.</li>` : ''}
<li>The GraphQL API: <code>POST ${endpoint}</code> with a JSON body.</li>
</ul>
</main>`,
  });
}

interface PageParts {
  readonly title: string;
  readonly manifest: WebManifest | undefined;
  /** Whose style sheet (and, unless `script` is false, script) the page loads. */
  readonly entry: EntryName;
  readonly script?: boolean;
  readonly head?: string;
  readonly body: string;
}

function page({ title, manifest, entry, script = true, head = '', body }: PageParts): string {
  const assets = manifest?.entries[entry];
  const links = [
    manifest ? `<link rel="icon" href="${ASSETS_PATH}${manifest.icon}" type="image/svg+xml">` : '',
    assets?.style ? `<link rel="stylesheet" href="${ASSETS_PATH}${assets.style}">` : '',
    assets && script ? `<script type="module" src="${ASSETS_PATH}${assets.script}"></script>` : '',
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${links}
${head}
</head>
<body>
${manifest ? body : `<p>${escapeHtml(NOT_BUILT)}</p>`}
</body>
</html>
`;
}

/** Data for a page's script: a JSON block is never run, so the Content-Security-Policy allows it. */
function jsonBlock(id: string, value: unknown): string {
  // `<` escaped so that no string in the data can close the element.
  return `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
