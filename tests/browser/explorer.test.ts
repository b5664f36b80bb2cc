import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { dataOf, testApp } from '../support/app.ts';
import { eventually, graphNodePoint, focused, inViewport, seededSession, snap, watch, type Site } from './harness.ts';
import { neighboursInSeed, twoHopsInSeed } from './seed-graph.ts';

/**
 * The explorer as a person uses it, in Chromium, against the seed: what they see, what the links do, and that
 * nothing goes wrong on the way (no console error, no request to another host).
 */
describe.skipIf(!inject('chromium'))('the explorer in a browser', () => {
  const session = seededSession();
  let site: Site;
  let page: Page;
  let watched: { problems: string[] };

  beforeEach(async () => {
    site = session.site;
    page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    watched = watch(page, site.origin);
  });
  afterEach(async () => {
    expect(watched.problems).toEqual([]);
    await page.close();
  });

  const heading = () => page.getByRole('heading', { level: 1 });

  it('finds "Irkestam" as you type, opens the Irkeshtam Pass with Enter and shows its crossing', async () => {
    await page.goto(`${site.origin}/explorer`);
    await snap(page, 'explorer-home');
    const search = page.getByRole('combobox', { name: 'Search the knowledge graph' });
    await search.pressSequentially('Irkestam', { delay: 20 });
    const best = page.getByRole('option').first();
    await eventually(() => best.innerText()).toContain('Irkeshtam Pass');
    await eventually(() => best.innerText()).toContain('Pass');
    await snap(page, 'explorer-search');
    await search.press('Enter');
    await eventually(() => Promise.resolve(page.url())).toBe(`${site.origin}/explorer/entity/irkeshtam-pass`);
    await eventually(() => heading().innerText()).toContain('Irkeshtam Pass');
    const crosses = page.locator('.relation-group[data-field="crosses"]');
    await eventually(() => crosses.getByRole('heading').innerText()).toContain('Crosses');
    await eventually(() => crosses.innerText()).toContain('China–Kyrgyzstan border');
    await eventually(() => crosses.innerText()).toContain('role: road');
    await eventually(() => crosses.locator('.quote').innerText()).toContain('Irkeshtam pass (road)');
  });

  it('draws the neighbourhood with the seed’s entities, one hop or two, and opens an entity clicked in the picture', async () => {
    await page.goto(`${site.origin}/explorer/entity/irkeshtam-pass`);
    const graph = page.locator('#graph');
    await eventually(() => graph.getAttribute('data-node-count')).toBe(String(1 + neighboursInSeed('irkeshtam-pass').size));
    await page.getByRole('radio', { name: '2 hops' }).check();
    await eventually(() => Promise.resolve(page.url())).toBe(`${site.origin}/explorer/entity/irkeshtam-pass?hops=2`);
    await eventually(() => graph.getAttribute('data-node-count')).toBe(String(twoHopsInSeed('irkeshtam-pass').size));
    await snap(page, 'explorer-entity-two-hops');

    await page.getByRole('radio', { name: '1 hop' }).check();
    await eventually(() => graph.getAttribute('data-node-count')).toBe('2');
    const border = await graphNodePoint(page, 'china-kyrgyzstan-border');
    await page.mouse.move(border.x, border.y);
    await eventually(() => page.locator('.graph-tooltip').innerText()).toBe('China–Kyrgyzstan border · Border');
    await page.mouse.click(border.x, border.y);
    await eventually(() => Promise.resolve(page.url())).toBe(`${site.origin}/explorer/entity/china-kyrgyzstan-border`);
    await eventually(() => heading().innerText()).toContain('China–Kyrgyzstan border');
    await eventually(() => graph.getAttribute('data-node-count')).toBe(String(1 + neighboursInSeed('china-kyrgyzstan-border').size));
    await snap(page, 'explorer-entity');
    // The back button returns to the pass.
    await page.goBack();
    await eventually(() => heading().innerText()).toContain('Irkeshtam Pass');
  });

  it('shows a mark on the timeline for each dated fact, drawing a decade as a span, and opens one when clicked', async () => {
    const { timeline } = dataOf<{ timeline: { totalCount: number } }>(
      await testApp(session.driver).graphql('{ timeline(involving: "china-kyrgyzstan-border") { totalCount } }'),
    );
    await page.goto(`${site.origin}/explorer/entity/china-kyrgyzstan-border`);
    const marks = page.locator('#timeline .timeline-mark');
    await eventually(() => marks.count()).toBe(timeline.totalCount);

    // The whole graph's timeline: the maps of the "middle and late 20th century" (a DECADE span) are bars, not dots.
    await page.goto(`${site.origin}/explorer`);
    const all = dataOf<{ timeline: { totalCount: number } }>(await testApp(session.driver).graphql('{ timeline { totalCount } }')).timeline.totalCount;
    await eventually(() => page.locator('#timeline .timeline-mark').count()).toBe(all);
    const span = page.locator('#timeline .timeline-mark.span', { hasText: 'middle and late 20th century' }).first();
    await eventually(() => span.count()).toBe(1);
    const box = await span.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    await page.locator('#timeline .timeline-mark', { hasText: 'Treaty of Saint Petersburg' }).first().click();
    await eventually(() => heading().innerText()).toContain('Treaty of Saint Petersburg');
  });

  it('opens a quote in its source, highlighted and scrolled into view, with attribution and licence', async () => {
    await page.goto(`${site.origin}/explorer/entity/china-kyrgyzstan-border-agreement-2009`);
    const quote = 'Kyrgyzstan ceded the Uzengi-Kush, a mountainous area located south of the Issyk Kul region';
    const cession = page.locator('.relation', { hasText: quote });
    await eventually(() => cession.locator('.effect').innerText()).toContain('Kyrgyzstan → People\'s Republic of China');
    await cession.getByRole('link', { name: 'Read it in the source' }).click();
    await eventually(() => Promise.resolve(page.url())).toMatch(/\/explorer\/source\/wikipedia-china-kyrgyzstan-border\?quote=/);
    const mark = page.locator('mark#quote');
    await eventually(() => mark.innerText()).toBe(quote);
    await eventually(() => inViewport(mark)).toBe(true);
    await eventually(() => focused(mark)).toBe(true);
    await eventually(() => page.locator('.source-view').innerText()).toContain('CC BY-SA 4.0');
    await eventually(() => page.locator('.source-view').innerText()).toContain('Wikipedia contributors');
    await snap(page, 'explorer-source');
  });

  it('answers "treaties affecting a place" and "how are two entities connected", as lists and on the graph', async () => {
    await page.goto(`${site.origin}/explorer`);
    await page.getByRole('textbox', { name: 'Place' }).fill('Ili basin');
    await page.getByRole('button', { name: 'Show treaties' }).click();
    await eventually(() => Promise.resolve(page.url())).toBe(`${site.origin}/explorer/treaties?place=Ili+basin`);
    const treaties = page.locator('.answer-list > li > a.entity-link');
    await eventually(() => treaties.allInnerTexts()).toEqual(['Treaty of Saint Petersburg', '1915 Ili Valley and Dzungarian Alatau border agreement', 'Later protocols to the Treaty of Saint Petersburg']);
    await eventually(() => page.locator('#graph').getAttribute('data-node-count')).toMatch(/^\d+$/);
    expect(Number(await page.locator('#graph').getAttribute('data-node-count'))).toBeGreaterThanOrEqual(4);
    await snap(page, 'explorer-treaties');

    await page.goto(`${site.origin}/explorer`);
    await page.getByRole('textbox', { name: 'From' }).fill('Zuo Zongtang');
    await page.getByRole('textbox', { name: 'To' }).fill('Kyrgyzstan');
    await page.getByRole('button', { name: 'Find the connection' }).click();
    const path = page.locator('.answer-list .path').first();
    await eventually(() => path.locator('a.entity-link').allInnerTexts()).toEqual(['Zuo Zongtang', 'Reconquest of Xinjiang', 'Xinjiang Uygur Autonomous Region', 'Kyrgyzstan']);
    await eventually(() => path.innerText()).toContain('—led→');
    await eventually(() => page.locator('#graph').getAttribute('data-node-count')).toBe('4');
    await snap(page, 'explorer-path');
  });

  it('shows the nearest names for a name that matches nothing, and the candidates of one that names several, never raw JSON', async () => {
    await page.goto(`${site.origin}/explorer/entity/Irkeshtam%20Pas`);
    const alert = page.getByRole('alert');
    await eventually(() => alert.innerText()).toContain('Nothing is called “Irkeshtam Pas”');
    await eventually(() => alert.innerText()).toContain('Did you mean');
    expect(await alert.innerText()).not.toContain('{');
    await snap(page, 'explorer-not-found');
    await alert.getByRole('link', { name: 'Irkeshtam Pass' }).click();
    await eventually(() => heading().innerText()).toContain('Irkeshtam Pass');

    await page.goto(`${site.origin}/explorer/treaties?place=Ili%20basn`);
    await eventually(() => page.getByRole('alert').innerText()).toContain('Did you mean');
    await page.getByRole('alert').getByRole('link').first().click();
    await eventually(() => Promise.resolve(page.url())).toMatch(/\/explorer\/treaties\?place=/);
    await eventually(() => page.locator('.answer-list > li').count()).toBeGreaterThan(0);

    // No two entities of the seed share a name: two are made to, for this test only.
    const twins = `CREATE (:Entity:Region {id: 'test-twin-a', kind: 'Region', name: 'Twin Valley', aliases: [], aliasText: '', description: 'The first.', sourceIds: [], sourceQuotes: []}),
                          (:Entity:Region {id: 'test-twin-b', kind: 'Region', name: 'Twin Valley', aliases: [], aliasText: '', description: 'The second.', sourceIds: [], sourceQuotes: []})`;
    await session.driver.executeQuery(twins, {}, { database: inject('neo4j').database });
    try {
      await page.goto(`${site.origin}/explorer/entity/twin%20valley`);
      const ambiguous = page.getByRole('alert');
      await eventually(() => ambiguous.innerText()).toContain('“twin valley” names 2 entities');
      await snap(page, 'explorer-ambiguous');
      await ambiguous.getByRole('link').nth(1).click();
      await eventually(() => page.locator('.description').innerText()).toMatch(/^The (first|second)\.$/);
    } finally {
      await session.driver.executeQuery(`MATCH (e:Entity) WHERE e.id STARTS WITH 'test-twin-' DETACH DELETE e`, {}, { database: inject('neo4j').database });
    }
  });

  it('can be used with the keyboard alone', async () => {
    await page.goto(`${site.origin}/explorer`);
    await page.keyboard.press('Tab'); // the skip link
    await page.keyboard.press('Tab'); // the brand
    await page.keyboard.press('Tab');
    await eventually(() => focused(page.getByRole('combobox'))).toBe(true);
    await page.keyboard.type('kyrgyz', { delay: 20 });
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.getByRole('option', { selected: true }).locator('.hit-name').textContent();
    await page.keyboard.press('Enter');
    await eventually(async () => (await heading().innerText()).startsWith(chosen ?? '?')).toBe(true);
    // A relation's link, reached by Tab, opens with Enter.
    const link = page.locator('.relations-panel a.entity-link').first();
    const target = await link.textContent();
    await link.focus();
    await page.keyboard.press('Enter');
    await eventually(() => heading().innerText()).toContain(target ?? '');
  });

  it('is readable at a phone’s width: one column, nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      ['/explorer', 'phone-home'],
      ['/explorer/entity/china-kyrgyzstan-border', 'phone-entity'],
    ] as const) {
      await page.goto(`${site.origin}${path}`);
      await page.locator('#timeline .timeline-mark').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await snap(page, name);
    }
  });
});
