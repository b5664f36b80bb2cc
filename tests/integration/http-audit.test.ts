import { serverAudits, type AuditResult } from 'graphql-http';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../server/http-policy.ts';
import { testApp } from '../support/app.ts';
import { testDriver } from '../support/database.ts';

let driver: Driver;
beforeAll(() => {
  driver = testDriver();
});
afterAll(() => driver.close());

/** Runs graphql-http's GraphQL-over-HTTP conformance audits against the app, in process. */
async function audit(introspection: boolean): Promise<AuditResult[]> {
  const { app } = testApp(driver, { policy: { ...DEFAULT_POLICY, introspection } });
  const audits = serverAudits({ url: 'http://test/graphql', fetchFn: (input: string, init?: RequestInit) => app.fetch(input, init ?? {}) });
  return Promise.all(audits.map((one) => one.fn()));
}

const ids = (results: AuditResult[], status: AuditResult['status']) => results.filter((result) => result.status === status).map((result) => result.id);

describe('GraphQL over HTTP conformance (graphql-http audits)', () => {
  it('fails no requirement, and warns of nothing, with the default policy', async () => {
    const results = await audit(true);
    expect(results.length).toBeGreaterThan(50);
    expect(ids(results, 'error')).toEqual([]);
    expect(ids(results, 'warn')).toEqual([]);
    // Only optional (MAY) audits go unmet: GETs without the CSRF header, which are refused on purpose.
    for (const result of results.filter((r) => r.status === 'notice')) {
      expect(result.name, result.id).toMatch(/^MAY .*GET/);
      if (result.status === 'notice') expect(result.response.status, result.id).toBe(403);
    }
  });

  it('without introspection, misses only the audits whose probe query is introspection (`__type`)', async () => {
    const results = await audit(false);
    expect(ids(results, 'error')).toEqual(['28B9']);
    expect(ids(results, 'warn')).toEqual(['2EA1']);
  });
});
