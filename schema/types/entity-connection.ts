import type { InterfaceRef, ObjectRef } from '@pothos/core';
import type { EntityRow } from '../../cypher/rows.ts';
import { builder } from '../builder.ts';
import { connectionType } from './connection.ts';

type Types = typeof builder.$inferSchemaTypes;
type Item = { readonly node: EntityRow };

/** `<Name>Connection` and `<Name>Edge` types for a list of entities (Relay cursor connection, with totalCount). */
export function entityConnection(name: string, node: ObjectRef<Types, EntityRow> | InterfaceRef<Types, EntityRow>, what: string) {
  const Edge = builder.objectRef<Item & { readonly cursor: string }>(`${name}Edge`).implement({
    description: `One ${what} and its cursor.`,
    fields: (t) => ({
      cursor: t.exposeString('cursor', { description: 'Where this edge sits in the list; pass it as `after`.' }),
      node: t.field({ type: node, description: `The ${what}.`, resolve: (edge) => edge.node }),
    }),
  });
  return connectionType<Item>(
    name,
    Edge,
    { type: `A page of ${what}s.`, total: 'How many match, on all pages.', edges: `The ${what}s on this page.` },
    (t) => ({
      nodes: t.field({ type: [node], description: `The ${what}s on this page, without cursors.`, resolve: (c) => c.edges.map((e) => e.node) }),
    }),
  );
}

/** A page of entity rows as a connection's edges. */
export function entityPage(page: { total: number; items: readonly EntityRow[] }) {
  return { total: page.total, items: page.items.map((node) => ({ node })) };
}
