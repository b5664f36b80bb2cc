import { chromium, type Page } from 'playwright-core';
import { findChromium } from '../../tests/browser/chromium.ts';

/**
 * `npm run bench:pages -- [origin]`: the weight of GraphiQL and the explorer as a browser loads them from a
 * running server (`npm start`; default http://localhost:4000), with a cold cache (a fresh browser context per
 * load): bytes transferred (compressed, headers included) and decoded, requests, time to first paint and to
 * first contentful paint, and until the page shows what it is for. Five loads each; the median is printed.
 */
const origin = process.argv[2] ?? 'http://localhost:4000';
const LOADS = 5;

interface Load {
  readonly requests: number;
  readonly transferred: number;
  readonly decoded: number;
  readonly firstPaint: number;
  readonly firstContentfulPaint: number;
  readonly ready: number;
}

const PAGES: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] = [
  { name: 'GraphiQL', path: '/graphql', ready: (page) => page.locator('.graphiql-query-editor .CodeMirror').waitFor() },
  { name: 'explorer, first view', path: '/explorer', ready: (page) => page.locator('#timeline .timeline-mark').first().waitFor() },
  { name: 'explorer, an entity', path: '/explorer/entity/china-kyrgyzstan-border', ready: (page) => page.locator('#graph[data-node-count]').waitFor() },
];

const executablePath = findChromium();
if (!executablePath) throw new Error('no Chromium: apt-get install chromium, or set CHROMIUM_PATH');
const browser = await chromium.launch({ executablePath });
console.log(`${origin}, Chromium ${browser.version()}, cold cache, median of ${LOADS} loads\n`);
console.log('| page | requests | transferred | decoded | first paint | first contentful paint | ready |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const { name, path, ready } of PAGES) {
  const loads: Load[] = [];
  for (let i = 0; i < LOADS; i++) loads.push(await load(path, ready));
  const median = (pick: (load: Load) => number) => loads.map(pick).sort((a, b) => a - b)[Math.floor(LOADS / 2)] ?? 0;
  console.log(
    `| ${name} (\`${path}\`) | ${median((l) => l.requests)} | ${kb(median((l) => l.transferred))} | ${kb(median((l) => l.decoded))} | ${ms(median((l) => l.firstPaint))} | ${ms(median((l) => l.firstContentfulPaint))} | ${ms(median((l) => l.ready))} |`,
  );
}
await browser.close();

async function load(path: string, ready: (page: Page) => Promise<unknown>): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const responses: Promise<{ transferred: number; decoded: number }>[] = [];
  page.on('requestfinished', (request) => {
    responses.push(
      Promise.all([request.sizes(), request.response().then((response) => response?.body())]).then(([sizes, body]) => ({
        transferred: sizes.responseHeadersSize + sizes.responseBodySize,
        decoded: body?.length ?? 0,
      })),
    );
  });
  const started = Date.now();
  await page.goto(`${origin}${path}`);
  await ready(page);
  const readyMs = Date.now() - started;
  // Count what the page still fetches for that view (the timeline's later pages, say), then stop listening.
  await page.waitForLoadState('networkidle');
  page.removeAllListeners('requestfinished');
  const paints = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('paint').map((entry) => [entry.name, entry.startTime])));
  const sizes = await Promise.all(responses);
  await context.close();
  return {
    requests: sizes.length,
    transferred: sizes.reduce((sum, size) => sum + size.transferred, 0),
    decoded: sizes.reduce((sum, size) => sum + size.decoded, 0),
    firstPaint: paints['first-paint'] ?? Number.NaN,
    firstContentfulPaint: paints['first-contentful-paint'] ?? Number.NaN,
    ready: readyMs,
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 })} kB`;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
