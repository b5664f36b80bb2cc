import { cypher } from './query.ts';

export const isEmpty = cypher<Record<string, never>, { empty: boolean }>(
  'health.isEmpty',
  `OPTIONAL MATCH (e:Entity) WITH e LIMIT 1 RETURN e IS NULL AS empty`,
);

export const ping = cypher<Record<string, never>, { ok: number }>('health.ping', 'RETURN 1 AS ok');
