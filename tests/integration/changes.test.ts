// The change log (issue 16's audit trail, issue 18's live changes): every curated write is recorded with who,
// when and the values before and after, listed by `changes`, carried by the export and put back by a load; and
// `subscription { changes }` delivers each change, over Server-Sent Events, to a real graphql-sse client.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-sse';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CurationToken } from '../../server/auth.ts';
import { DEFAULT_POLICY } from '../../server/http-policy.ts';
import { listen } from '../../server/listen.ts';
import { exportDatasets } from '../../services/export/export-datasets.ts';
import { loadDatasets, unloadDatasets } from '../../services/ingest/load.ts';
import { datasetFolders } from '../../services/ingest/read-dataset.ts';
import { dataOf, testApp } from '../support/app.ts';
import { FRONTIER_DIR, emptyDatabase, loadSeed, testDriver, testExecutor } from '../support/database.ts';

const ALICE = randomBytes(32).toString('hex');
const BOB = randomBytes(32).toString('hex');
const TOKENS: CurationToken[] = [
  { role: 'editor', name: 'alice', token: ALICE },
  { role: 'editor', name: 'bob', token: BOB },
];
const UPDATE_ENTITY = 'mutation ($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { id description } } }';
const UPDATE_RELATION = 'mutation ($input: UpdateRelationInput!) { updateRelation(input: $input) { relation { relationId note } } }';
const CHANGE_FIELDS = 'id sequence at kind editor ids datasets before after changedFields restored';
const CHANGES = `query ($ids: [ID!], $editor: String, $madeSince: String, $since: String, $first: Int, $after: String) {
  changes(ids: $ids, editor: $editor, madeSince: $madeSince, since: $since, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${CHANGE_FIELDS} } } } }`;
const CURATION = `query ($id: ID!) { node(id: $id) { ... on Entity { claims { dataset curation { addedBy addedAt lastChangedBy lastChangedAt } } } } }`;
const SIGNED = 'russian-empire--signed--treaty-of-tarbagatai-1864';

interface ChangeNode {
  id: string;
  sequence: string;
  at: string;
  kind: string;
  editor: string | null;
  ids: string[];
  datasets: string[];
  before: string | null;
  after: string | null;
  changedFields: string[];
  restored: boolean;
}
type ChangesData = { changes: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: ChangeNode }[] } };

let driver: Driver;
let app: ReturnType<typeof testApp>;
const as = (token: string) => ({ authorization: `Bearer ${token}` });

async function changes(variables: Record<string, unknown>): Promise<ChangesData['changes']> {
  return dataOf<ChangesData>(await app.graphql(CHANGES, variables)).changes;
}

beforeAll(() => {
  driver = testDriver();
  app = testApp(driver, { curationTokens: TOKENS });
});
beforeEach(async () => {
  await emptyDatabase(driver);
  await loadSeed(driver);
});
afterAll(async () => {
  await emptyDatabase(driver);
  await driver.close();
});

describe('the audit trail', () => {
  it('lists an edit by alice with who, when and the values before and after, and it survives an export and a reload', async () => {
    const started = new Date();
    dataOf(await app.graphql(UPDATE_ENTITY, { input: { id: 'torugart-pass', description: 'Curated by Alice.' } }, as(ALICE)));

    const listed = await changes({ ids: ['torugart-pass'], editor: 'alice' });
    expect(listed.totalCount).toBe(1);
    const [edit] = listed.edges.map((edge) => edge.node);
    expect(edit).toMatchObject({ kind: 'UPDATE_ENTITY', editor: 'alice', ids: ['torugart-pass'], datasets: ['curation'], changedFields: ['description'], restored: false });
    expect(JSON.parse(edit?.before ?? '{}')).toMatchObject({ id: 'torugart-pass', kind: 'Pass', description: expect.not.stringContaining('Alice') });
    expect(JSON.parse(edit?.after ?? '{}')).toMatchObject({ id: 'torugart-pass', kind: 'Pass', description: 'Curated by Alice.' });
    expect(Date.parse(edit?.at ?? '')).toBeGreaterThanOrEqual(started.getTime() - 1_000);
    const marks = { addedBy: 'alice', addedAt: edit?.at, lastChangedBy: 'alice', lastChangedAt: edit?.at };
    const claims = async () => dataOf<{ node: { claims: { dataset: string; curation: unknown }[] } }>(await app.graphql(CURATION, { id: 'torugart-pass' })).node.claims;
    expect(await claims()).toEqual([
      { dataset: 'curation', curation: marks },
      { dataset: 'china-kyrgyzstan-border', curation: null },
    ]);

    const dir = await mkdtemp(path.join(tmpdir(), 'tianshan-changes-'));
    await exportDatasets(testExecutor(driver), dir);
    await emptyDatabase(driver);
    expect((await changes({})).totalCount).toBe(0);
    await loadDatasets(testExecutor(driver), await datasetFolders(dir));

    const restored = await changes({ ids: ['torugart-pass'], editor: 'alice' });
    expect(restored.edges.map((e) => e.node)).toEqual([{ ...edit, sequence: expect.any(String), restored: true }]);
    expect(Number(restored.edges[0]?.node.sequence)).toBeGreaterThan(Number(edit?.sequence));
    expect(await claims()).toEqual([
      { dataset: 'curation', curation: marks },
      { dataset: 'china-kyrgyzstan-border', curation: null },
    ]);
    // Loading the same export again restores nothing twice.
    await loadDatasets(testExecutor(driver), await datasetFolders(dir));
    expect((await changes({ editor: 'alice' })).totalCount).toBe(1);
  });

  it('records each load and removal as one change with the ids whose claims it changed, and no editor', async () => {
    const last = await latestChange();
    await loadDatasets(testExecutor(driver), [FRONTIER_DIR]);
    await unloadDatasets(testExecutor(driver), ['russia-qing-frontier']);
    const after = await changes({ since: last?.sequence ?? '0' });
    expect(after.edges.map(({ node }) => [node.kind, node.editor, node.datasets])).toEqual([
      ['LOAD_DATASETS', null, ['russia-qing-frontier']],
      ['UNLOAD_DATASETS', null, ['russia-qing-frontier']],
    ]);
    const [loaded, unloaded] = after.edges.map(({ node }) => node);
    expect(loaded?.ids).toEqual(expect.arrayContaining(['dungan-revolt', 'qing-empire--signed--treaty-of-saint-petersburg-1881', 'qing-empire']));
    expect(new Set(unloaded?.ids)).toEqual(new Set(loaded?.ids));
    // A reload that changes nothing is still one change, touching nothing.
    await loadSeed(driver);
    const [reload] = (await changes({ since: unloaded?.sequence })).edges.map(({ node }) => node);
    expect(reload).toMatchObject({ kind: 'LOAD_DATASETS', ids: [] });
  });

  it('pages with cursors, and narrows by entity, editor, time and sequence', async () => {
    const seedLoad = await latestChange();
    for (const [token, note] of [[ALICE, 'one'], [BOB, 'two'], [ALICE, 'three']] as const) {
      dataOf(await app.graphql(UPDATE_RELATION, { input: { relationId: SIGNED, note } }, as(token)));
    }
    dataOf(await app.graphql(UPDATE_ENTITY, { input: { id: 'torugart-pass', description: 'Changed by Bob.' } }, as(BOB)));

    const first = await changes({ since: seedLoad?.sequence, first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await changes({ since: seedLoad?.sequence, first: 2, after: first.pageInfo.endCursor });
    expect(second.pageInfo.hasNextPage).toBe(false);
    const notes = [...first.edges, ...second.edges].map(({ node }) => [node.editor, node.kind, node.after && (JSON.parse(node.after) as { note?: string }).note]);
    expect(notes).toEqual([
      ['alice', 'UPDATE_RELATION', 'one'],
      ['bob', 'UPDATE_RELATION', 'two'],
      ['alice', 'UPDATE_RELATION', 'three'],
      ['bob', 'UPDATE_ENTITY', undefined],
    ]);
    // Backwards, the same four: the last two, then the two before them, each page oldest first.
    const BACKWARDS = `query ($since: String, $before: String) { changes(since: $since, last: 2, before: $before) {
      pageInfo { hasPreviousPage hasNextPage startCursor } nodes { sequence } } }`;
    type Backwards = { changes: { pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean; startCursor: string }; nodes: { sequence: string }[] } };
    const end = dataOf<Backwards>(await app.graphql(BACKWARDS, { since: seedLoad?.sequence })).changes;
    const start = dataOf<Backwards>(await app.graphql(BACKWARDS, { since: seedLoad?.sequence, before: end.pageInfo.startCursor })).changes;
    expect([start.pageInfo.hasPreviousPage, end.pageInfo.hasPreviousPage, end.pageInfo.hasNextPage]).toEqual([false, true, false]);
    expect([...start.nodes, ...end.nodes]).toEqual([...first.edges, ...second.edges].map(({ node }) => ({ sequence: node.sequence })));
    // A relation's change touches its two entities too.
    const touching = await changes({ ids: ['treaty-of-tarbagatai-1864'], since: seedLoad?.sequence });
    expect(touching.edges.map(({ node }) => node.ids)).toEqual(Array(3).fill([SIGNED, 'russian-empire', 'treaty-of-tarbagatai-1864']));
    expect((await changes({ editor: 'bob' })).totalCount).toBe(2);
    expect((await changes({ madeSince: '2999-01-01' })).totalCount).toBe(0);
    expect((await changes({ madeSince: '2000-01-01T00:00:00Z', editor: 'alice' })).totalCount).toBe(2);

    const bad = await app.graphql(CHANGES, { since: 'yesterday', madeSince: 'soon' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

/** The latest change in the log, reading it page after page. */
async function latestChange(): Promise<ChangeNode | undefined> {
  let latest: ChangeNode | undefined;
  let after: string | null = null;
  for (;;) {
    const page = await changes({ first: 100, after });
    latest = page.edges.at(-1)?.node ?? latest;
    if (!page.pageInfo.hasNextPage) return latest;
    after = page.pageInfo.endCursor;
  }
}

describe('live changes over Server-Sent Events, with the graphql-sse client', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** A graphql-sse client, unchanged, of `target` served on a loopback port. */
  async function sse(target: ReturnType<typeof testApp>, token?: string): Promise<Client> {
    const server = await listen(target.app, '127.0.0.1', 0);
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    return createClient({ url: `http://127.0.0.1:${port}/graphql`, headers: token ? as(token) : {}, retryAttempts: 0 });
  }
  const SUBSCRIBE = `subscription ($ids: [ID!], $since: String) { changes(ids: $ids, since: $since) { ${CHANGE_FIELDS} } }`;
  type Refusal = { errors?: { message: string; extensions?: { code?: string } }[]; response?: Response };
  /** What the first result of a subscription that is refused says: its errors, or the HTTP response graphql-sse rejects with. */
  const refusal = (subscription: AsyncIterableIterator<unknown>): Promise<Refusal> =>
    subscription.next().then(
      (result) => result.value as Refusal,
      (error: unknown) => error as Refusal,
    );

  it('delivers each curated write to a subscriber of its ids, and replays what it missed from `since`', async () => {
    const client = await sse(app);
    const events = client.iterate<{ changes: ChangeNode }>({ query: SUBSCRIBE, variables: { ids: ['torugart-pass'] } });
    const next = events.next();
    // Let the subscription start before the edit (it hears only changes from now on).
    await waitForSubscribers(app, 1);
    dataOf(await app.graphql(UPDATE_RELATION, { input: { relationId: SIGNED, note: 'Not about Torugart.' } }, as(BOB)));
    dataOf(await app.graphql(UPDATE_ENTITY, { input: { id: 'torugart-pass', description: 'Live.' } }, as(ALICE)));
    const { value } = await next;
    expect(value?.data?.changes).toMatchObject({ kind: 'UPDATE_ENTITY', editor: 'alice', ids: ['torugart-pass'], changedFields: ['description'] });
    await events.return?.();
    await waitForSubscribers(app, 0);

    const since = String(Number(value?.data?.changes.sequence) - 2);
    const replay = client.iterate<{ changes: ChangeNode }>({ query: SUBSCRIBE, variables: { since } });
    const replayed = [(await replay.next()).value, (await replay.next()).value].map((result) => result?.data?.changes.kind);
    expect(replayed).toEqual(['UPDATE_RELATION', 'UPDATE_ENTITY']);
    await replay.return?.();
    client.dispose();
    await waitForSubscribers(app, 0);
  });

  it('refuses an unknown id, and more subscriptions than a client may hold, with clear codes', async () => {
    const limited = testApp(driver, { curationTokens: TOKENS, policy: { ...DEFAULT_POLICY, maxSubscriptionsPerClient: 1 } });
    const client = await sse(limited, ALICE);
    const unknown = await refusal(client.iterate({ query: SUBSCRIBE, variables: { ids: ['torugart-pass', 'atlantis'] } }));
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toMatch(/"atlantis"/);

    const open = client.iterate({ query: SUBSCRIBE });
    void open.next();
    await waitForSubscribers(limited, 1);
    const second = await refusal(client.iterate({ query: SUBSCRIBE }));
    expect(second.errors?.[0]?.extensions?.code).toBe('SUBSCRIPTION_LIMIT');
    await open.return?.();
    await waitForSubscribers(limited, 0);
    client.dispose();
  });

  it("charges a subscription to the client's budget of cost points: over it, HTTP 429 and RATE_LIMITED", async () => {
    const budget = testApp(driver, { policy: { ...DEFAULT_POLICY, rateLimit: { points: 1, windowMs: 60_000 } } });
    const client = await sse(budget);
    const first = client.iterate({ query: SUBSCRIBE });
    void first.next();
    await waitForSubscribers(budget, 1);
    try {
      const over = await refusal(client.iterate({ query: SUBSCRIBE }));
      expect(over.response?.status).toBe(429);
      // The refusal comes as the stream's one event, with the status of a refusal.
      expect(await over.response?.text()).toMatch(/^event: next\ndata: .*"code":"RATE_LIMITED"/m);
      expect(budget.changes.open).toBe(1);
    } finally {
      await first.return?.();
      client.dispose();
    }
    await waitForSubscribers(budget, 0);
  });
});

/** Waits until `target` holds `count` subscriptions open. */
async function waitForSubscribers(target: ReturnType<typeof testApp>, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (target.changes.open !== count) {
    if (Date.now() > deadline) throw new Error(`${target.changes.open} subscriptions open, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
