import { describe, expect, inject, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../server/web/content-security-policy.ts';
import { eventually, seededSession, snap, watch } from './harness.ts';

/** GraphiQL as a person opens it: from our server only, with its panes, running the question it opens with. */
describe.skipIf(!inject('chromium'))('GraphiQL in a browser', () => {
  const session = seededSession();

  it('renders offline-ready under our CSP, runs the Ili query and shows the docs and explorer panes', async () => {
    const { browser, site } = session;
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
