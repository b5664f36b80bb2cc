import type { Driver } from 'neo4j-driver';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../server/web/content-security-policy.ts';
import { loadSeed, testDriver } from '../support/database.ts';
import { eventually, launch, serve, snap, watch, type Site } from './harness.ts';

/** GraphiQL as a person opens it: from our server only, with its panes, running the question it opens with. */
describe.skipIf(!inject('chromium'))('GraphiQL in a browser', () => {
  let driver: Driver;
  let site: Site;
  let browser: Browser;

  beforeAll(async () => {
    driver = testDriver();
    await loadSeed(driver);
    site = await serve(driver);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await driver?.close();
  });

  it('renders offline-ready under our CSP, runs the Ili query and shows the docs and explorer panes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const watched = watch(page, site.origin);
    const response = await page.goto(`${site.origin}/graphql`);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
    const result = page.locator('.result-window');
    await eventually(() => result.innerText()).toContain('Treaty of Saint Petersburg');
    await eventually(() => result.innerText()).toContain('"totalCount": 3');
    await snap(page, 'graphiql');

    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await eventually(() => page.locator('.graphiql-doc-explorer').innerText()).toContain('Query');
    await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
    await eventually(() => page.locator('.graphiql-explorer-root, .docExplorerWrap').first().innerText()).toContain('treaties');
    await snap(page, 'graphiql-explorer-pane');
    expect(watched.problems).toEqual([]);
    await page.close();
  });
});
