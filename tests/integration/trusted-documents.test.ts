import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { appPolicy } from '../../server/http-policy.ts';
import { testApp } from '../support/app.ts';
import { loadSeed, testDriver } from '../support/database.ts';

const STATS = '50b2f2910156a678b4a8d25384c59f8584c632b509c6fcb216285a32d84a96d2';
const TREATY = '9b0b16dd6c1796ddc57900acd0ed3e611a91e37579bd4741cef04d54224085a8';

let driver: Driver;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
  app = testApp(driver, { policy: appPolicy(loadConfig({ TRUSTED_DOCUMENTS: 'tests/fixtures/trusted-documents.json' })) });
});
afterAll(() => driver.close());

interface Answer {
  status: number;
  roundTrips: number;
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function send(body: Record<string, unknown>): Promise<Answer> {
  app.queries.length = 0;
  const response = await app.app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, roundTrips: app.queries.length, ...((await response.json()) as Omit<Answer, 'status' | 'roundTrips'>) };
}

const byHash = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

describe('trusted documents', () => {
  it('runs a document of the manifest asked for by its hash, with variables', async () => {
    const stats = await send({ extensions: byHash(STATS) });
    expect(stats.data).toEqual({ stats: { entityCount: expect.any(Number), relationCount: expect.any(Number) } });
    const treaty = await send({ extensions: byHash(TREATY), variables: { id: 'treaty-of-tarbagatai-1864' } });
    expect(treaty.data).toEqual({ entity: { id: 'treaty-of-tarbagatai-1864', name: expect.stringMatching(/Tarbagatai/) } });
  });

  it('refuses any other document, before any Cypher runs', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a document as text', { query: '{ stats { entityCount } }' }, 'TRUSTED_DOCUMENT_REQUIRED'],
      ['text alongside a known hash', { query: '{ entities { totalCount } }', extensions: byHash(STATS) }, 'TRUSTED_DOCUMENT_REQUIRED'],
      ['neither text nor hash', {}, 'TRUSTED_DOCUMENT_REQUIRED'],
      ['an unknown hash', { extensions: byHash('0'.repeat(64)) }, 'TRUSTED_DOCUMENT_NOT_FOUND'],
    ];
    for (const [label, body, code] of cases) {
      const answer = await send(body);
      expect(answer.errors?.map((e) => e.extensions?.code), label).toEqual([code]);
      expect(answer.errors?.[0]?.message, label).toMatch(/persistedQuery/);
      expect(answer.data, label).toBeUndefined();
      expect(answer.roundTrips, label).toBe(0);
    }
  });

  it('still accepts any document when no manifest is configured', async () => {
    const open = testApp(driver);
    expect((await open.graphql('{ stats { entityCount } }')).errors).toBeUndefined();
  });
});
