// Which answers say "the database is unavailable" with their HTTP status (server/plugins/use-unavailable-status.ts).
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { unavailableStatus } from '../../server/plugins/use-unavailable-status.ts';

const error = (code: string) => new GraphQLError(code, { extensions: { code } });

describe('unavailableStatus', () => {
  it('is 503 when nothing was answered and every error is SERVICE_UNAVAILABLE', () => {
    expect(unavailableStatus({ data: null, errors: [error('SERVICE_UNAVAILABLE'), error('SERVICE_UNAVAILABLE')] })).toBe(503);
    // Nullable root fields that all failed answer nothing either.
    expect(unavailableStatus({ data: { stats: null, treaties: null }, errors: [error('SERVICE_UNAVAILABLE')] })).toBe(503);
  });

  it('is 504 when some of those errors are QUERY_TIMEOUT', () => {
    expect(unavailableStatus({ errors: [error('QUERY_TIMEOUT')] })).toBe(504);
    expect(unavailableStatus({ data: null, errors: [error('SERVICE_UNAVAILABLE'), error('QUERY_TIMEOUT')] })).toBe(504);
  });

  it('leaves partial results, other errors and success alone (200)', () => {
    expect(unavailableStatus({ data: { stats: { entityCount: 82 }, treaties: null }, errors: [error('SERVICE_UNAVAILABLE')] })).toBeUndefined();
    expect(unavailableStatus({ data: null, errors: [error('SERVICE_UNAVAILABLE'), error('BAD_USER_INPUT')] })).toBeUndefined();
    expect(unavailableStatus({ data: null, errors: [new GraphQLError('uncoded')] })).toBeUndefined();
    expect(unavailableStatus({ data: { stats: null } })).toBeUndefined();
  });
});
