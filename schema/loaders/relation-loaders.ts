import DataLoader from 'dataloader';
import type { AsOfParams } from '../../cypher/as-of.ts';
import { containmentPages, type ContainmentOrder } from '../../cypher/containment.ts';
import type { CypherExecutor } from '../../cypher/executor.ts';
import { relatedPage, relationsPage, type Direction, type RelatedExtra, type RelationsPageParams, type RelationsPageRow, type RelationsPageShape, type RelationsPageWire } from '../../cypher/relations.ts';
import type { OrderField } from '../../cypher/keyset.ts';
import type { RelationType } from '../../model/relations.ts';
import { EMPTY_PAGE, type Window } from '../pages.ts';

interface KeyOfAnyList extends Window {
  readonly types: readonly RelationType[];
  readonly direction: Direction;
  /** A client's own list of types (see relationsPage): sent as a parameter, not written into the statement. */
  readonly typesAsParameter?: boolean;
  /** Whether the field's selection reads only ids, kinds, names and types (see schema/projection.ts). */
  readonly slim: boolean;
  /** The date asked (`asOf`), if any, and what counts as having held then. */
  readonly asOf: AsOfParams;
}

/**
 * What every parent of one field at one level shares, for a page of its relations: one step (`order`: what it is
 * ordered by, its direction the window's), or with `transitive`, WITHIN followed to any depth
 * (cypher/containment.ts), which may be ordered by depth too. The resolvers of a field share one per request
 * (relation-field.ts); the planner makes its own, named the same (groupKey).
 */
export type RelationsPageKey = OneStepKey | (KeyOfAnyList & { readonly transitive: true; readonly order: ContainmentOrder });
export type OneStepKey = KeyOfAnyList & { readonly transitive?: false; readonly order: OrderField };
/** A page of one parent's relations: the parent's id, and the key it shares with the other parents of its field. */
export interface RelationsKey {
  readonly id: string;
  readonly page: RelationsPageKey;
}
export type RelationsLoader = DataLoader<RelationsKey, Omit<RelationsPageRow, 'id'>, string>;

/**
 * Pages of relations of many parents. Keys that share types, direction, page window and date, which
 * is every parent of one field at one level of a query, go to Neo4j as one query.
 */
export function relationsOf(executor: CypherExecutor): RelationsLoader {
  return new DataLoader(
    async (keys) => {
      const groups = new Map<string, RelationsKey[]>();
      for (const key of keys) {
        const group = groups.get(groupKey(key.page));
        if (group) group.push(key);
        else groups.set(groupKey(key.page), [key]);
      }
      const pages = new Map<string, Omit<RelationsPageRow, 'id'>>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const sample = group[0]?.page;
          if (!sample) return;
          const rows = sample.transitive
            ? await executor.read(containmentStatement(sample), { ids: group.map((key) => key.id), ...windowParams(sample) })
            : await executor.read(relationsPage(relationsPageShape(sample)), {
                ids: group.map((key) => key.id),
                ...relationsPageParams(sample),
              });
          for (const row of rows) pages.set(`${groupKey(sample)}|${row.id}`, relatedPage(row, extraOf(sample)));
        }),
      );
      return keys.map((key) => pages.get(`${groupKey(key.page)}|${key.id}`) ?? EMPTY_PAGE);
    },
    { cacheKeyFn: (key) => `${groupKey(key.page)}|${key.id}` },
  );
}

function windowParams({ after, before, first, backward, descending, cursors, slim }: RelationsPageKey) {
  return { after, before, first, backward, descending, cursors, slim };
}

/** What decides the statement of a one-step key: keys with the same shape differ only in parameters. */
export function relationsPageShape(key: OneStepKey): RelationsPageShape {
  return { types: key.types, direction: key.direction, typesAsParameter: key.typesAsParameter ?? false, asOf: key.asOf.asOfFrom !== null, order: key.order };
}

/** The parameters of a one-step key's statement, but for the parents' ids. */
export function relationsPageParams(key: OneStepKey): Omit<RelationsPageParams, 'ids'> {
  return { ...windowParams(key), types: key.types, ...key.asOf };
}

/**
 * Puts pages read elsewhere (schema/relation-plan.ts reads them with the list above) into the loader, so that the
 * fields that ask for them find them there. A key already loaded or primed keeps what it has.
 */
export function primeRelations(loader: RelationsLoader, key: OneStepKey, pages: readonly RelationsPageWire[]): void {
  for (const { id, ...page } of pages) loader.prime({ id, page: key }, relatedPage(page, extraOf(key)));
}

/** What a slim item of a key's page carries last: its rank as of the date asked, or its depth in a transitive list. */
function extraOf(key: RelationsPageKey): RelatedExtra {
  if (key.transitive) return 'depth';
  return key.asOf.asOfFrom === null ? undefined : 'held';
}

function containmentStatement(key: RelationsPageKey) {
  const statement = key.direction === 'BOTH' ? undefined : containmentPages.get(`${key.direction}:${key.order}`);
  if (!statement) throw new Error(`no transitive statement for ${key.direction} by ${key.order}`);
  return statement;
}

/**
 * Names what keys share when they differ only in the parent: one statement, with the same parameters, serves them all.
 * Named once per key object: the loader asks for every parent, and the planner for every level.
 */
export function groupKey(key: RelationsPageKey): string {
  let name = groupNames.get(key);
  if (name === undefined) {
    name = nameOfGroup(key);
    groupNames.set(key, name);
  }
  return name;
}

const groupNames = new WeakMap<RelationsPageKey, string>();

function nameOfGroup(key: RelationsPageKey): string {
  const { asOfFrom, asOfTo, minRank, undated } = key.asOf;
  const asOf = asOfFrom === null ? 'any time' : `${asOfFrom}-${asOfTo}:${minRank}:${undated ? 'undated' : 'dated'}`;
  const window = `${key.order}:${key.descending ? 'desc' : 'asc'}:${JSON.stringify(key.after)}:${JSON.stringify(key.before)}:${key.backward ? 'last' : 'first'} ${key.first}`;
  return `${key.transitive ? 'transitive ' : ''}${key.direction}:${[...key.types].sort().join(',')}:${window}:${key.cursors ? 'keys' : 'no keys'}:${key.typesAsParameter ? 'param' : 'pattern'}:${key.slim ? 'slim' : 'full'}:${asOf}`;
}
