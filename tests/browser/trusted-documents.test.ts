import neo4j from 'neo4j-driver';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { explorerManifest } from '../../explorer/trusted-documents.ts';
import { loadConfig } from '../../server/config.ts';
import { appPolicy } from '../../server/http-policy.ts';
import { eventually, seededSession, serve, snap, watch } from './harness.ts';

const MANIFEST = 'explorer/trusted-documents.json';

/** What the explorer sends to /graphql, request by request. */
function recordOperations(page: Page): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') bodies.push(request.postDataJSON() as Record<string, unknown>);
  });
  return bodies;
}

/** A walk through every view, which between them send every operation of the explorer. */
async function walkThrough(page: Page, origin: string): Promise<void> {
  const heading = page.getByRole('heading', { level: 1 });
  await page.goto(`${origin}/explorer`);
  await page.locator('#timeline .timeline-mark').first().waitFor();
  await page.getByRole('combobox').pressSequentially('Irkestam', { delay: 20 });
  await page.getByRole('option').first().waitFor();
  await page.getByRole('combobox').press('Enter');
  await eventually(() => heading.innerText()).toContain('Irkeshtam Pass');
  await page.locator('#graph[data-node-count]').waitFor();
  await page.getByRole('link', { name: 'Read it in the source' }).first().click();
  await page.locator('mark#quote').waitFor();
  await page.goto(`${origin}/explorer/treaties?place=Ili%20basin`);
  await eventually(() => page.locator('.answer-list > li').count()).toBe(3);
  await page.goto(`${origin}/explorer/path?from=Zuo%20Zongtang&to=Kyrgyzstan`);
  await eventually(() => page.locator('.answer-list .path').count()).toBeGreaterThan(0);
}

describe.skipIf(!inject('chromium'))('the explorer’s operations', () => {
  const session = seededSession();
  const manifest = explorerManifest();

  it('are all in the manifest, and the explorer works on a server that runs only those (TRUSTED_DOCUMENTS)', async () => {
    const site = await serve(session.driver, appPolicy(loadConfig({ TRUSTED_DOCUMENTS: MANIFEST })));
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const watched = watch(page, site.origin);
    const sent = recordOperations(page);
    try {
      await walkThrough(page, site.origin);
      await snap(page, 'explorer-trusted-documents');
      // Hashes only, each of the manifest, and every operation of the manifest used by some view.
      expect(sent.filter((body) => 'query' in body)).toEqual([]);
      const hashes = new Set(sent.map((body) => (body['extensions'] as { persistedQuery: { sha256Hash: string } }).persistedQuery.sha256Hash));
      expect([...hashes].sort()).toEqual(Object.keys(manifest).sort());
      expect(watched.problems).toEqual([]);
    } finally {
      await page.close();
      await site.close();
    }
  });

  it('are sent as text, each exactly a document of the manifest, to a server that runs any document', async () => {
    const { site } = session;
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const sent = recordOperations(page);
    try {
      await walkThrough(page, site.origin);
      const documents = new Set(Object.values(manifest));
      expect(sent.map((body) => documents.has(String(body['query'])))).not.toContain(false);
      expect(new Set(sent.map((body) => body['query'])).size).toBe(documents.size);
    } finally {
      await page.close();
    }
  });

  it('say so in words when the database is unreachable, with a way to try again', async () => {
    // A real driver to a loopback port where nothing listens: the API answers SERVICE_UNAVAILABLE.
    const nowhere = neo4j.driver('bolt://127.0.0.1:9', undefined, { connectionTimeout: 1_000, maxTransactionRetryTime: 0 });
    const site = await serve(nowhere);
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${site.origin}/explorer/entity/irkeshtam-pass`);
      const alert = page.getByRole('alert');
      await eventually(() => alert.innerText()).toContain('The knowledge graph is not answering right now');
      await alert.getByRole('button', { name: 'Try again' }).waitFor();
      expect(await alert.innerText()).not.toContain('{');
      await snap(page, 'explorer-unavailable');
    } finally {
      await page.close();
      await site.close();
      await nowhere.close();
    }
  });
});
