import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { loadSeed, testDriver } from '../support/database.ts';
import { WEB_BUILD_DIR } from '../../explorer/build.ts';
import type { AppPolicy } from '../../server/http-policy.ts';
import { listen } from '../../server/listen.ts';
import { createApp } from '../../server/yoga.ts';

/** Screenshots of each main view, for people to look at (git-ignored with the build). */
export const SCREENSHOTS_DIR = path.join(path.dirname(WEB_BUILD_DIR), 'screenshots');

export interface Site {
  readonly origin: string;
  close(): Promise<void>;
}

/** The real app over HTTP on a free loopback port, as `npm start` serves it. */
export async function serve(driver: Driver, policy?: AppPolicy): Promise<Site> {
  const app = createApp({ driver, database: inject('neo4j').database, timeoutMs: 20_000, ...(policy ? { policy } : {}) });
  const server = await listen(app, '127.0.0.1', 0);
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export interface Session {
  readonly driver: Driver;
  /** The app on the seed, as `npm start` serves it. */
  readonly site: Site;
  readonly browser: Browser;
}

/** For a file of browser tests: the seed loaded, the app served over it and Chromium started before them, all closed after. */
export function seededSession(): Session {
  const session = {} as { driver: Driver; site: Site; browser: Browser };
  beforeAll(async () => {
    session.driver = testDriver();
    await loadSeed(session.driver);
    session.site = await serve(session.driver);
    session.browser = await launch();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.site?.close();
    await session.driver?.close();
  });
  return session;
}

export function launch(): Promise<Browser> {
  const executablePath = inject('chromium');
  if (!executablePath) throw new Error('no Chromium: the tests should have been skipped');
  return chromium.launch({ executablePath });
}

/**
 * Everything a person would call broken while a page runs: console errors (a refused Content-Security-Policy
 * is one), uncaught exceptions, failed requests, and any request to a host other than `origin`.
 */
export function watch(page: Page, origin: string): { readonly problems: string[] } {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin) problems.push(`request to another host: ${request.url()}`);
  });
  page.on('requestfailed', (request) => {
    // A request the page itself gave up (a search overtaken by the next keystroke) is not a failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  return { problems };
}

export async function snap(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`) });
}

/** Where an entity is drawn in the graph's canvas, on the screen, for the mouse to point at as a person would. */
export async function graphNodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  await page.locator('.graph-canvas').scrollIntoViewIfNeeded();
  const point = await page.locator('.graph-canvas').evaluate((canvas, nodeId) => {
    // cytoscape keeps its instance on its container; only the node's on-screen position is read from it.
    const registry = (canvas as HTMLElement & { _cyreg?: { cy?: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } } })._cyreg;
    const position = registry?.cy?.getElementById(nodeId).renderedPosition();
    const box = canvas.getBoundingClientRect();
    return position ? { x: box.left + position.x, y: box.top + position.y } : undefined;
  }, id);
  if (!point) throw new Error(`no node ${id} in the graph`);
  return point;
}

/** An assertion retried until it holds or 20 s pass: pages load and draw in their own time. */
export function eventually<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 20_000, interval: 100 });
}

export function focused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

export function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
  });
}
