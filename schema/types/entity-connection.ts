import type { InterfaceRef, ObjectRef } from '@pothos/core';
import type { EntityItem, EntityRow } from '../../cypher/rows.ts';
import { builder } from '../builder.ts';
import type { Positioned } from '../pages.ts';
import { HELD_DESCRIPTION, HeldEnum, heldOf } from './as-of.ts';
import { connectionType, cursorField } from './connection.ts';

type Types = typeof builder.$inferSchemaTypes;
type Item = EntityItem;

/** `<Name>Connection` and `<Name>Edge` types for a list of entities (Relay cursor connection, with totalCount). */
export function entityConnection(name: string, node: ObjectRef<Types, EntityRow> | InterfaceRef<Types, EntityRow>, what: string) {
  const Edge = builder.objectRef<Positioned<Item>>(`${name}Edge`).implement({
    description: `One ${what} and its cursor.`,
    fields: (t) => ({
      cursor: cursorField(t, 'Where this edge sits in the list; pass it as `after`.'),
      node: t.field({ type: node, description: `The ${what}.`, resolve: (edge) => edge.item.node }),
      held: t.field({ type: HeldEnum, nullable: true, description: HELD_DESCRIPTION, resolve: (edge) => heldOf(edge.item.held) }),
    }),
  });
  return connectionType<Item>(
    name,
    Edge,
    { type: `A page of ${what}s.`, total: 'How many match, on all pages.', edges: `The ${what}s on this page.` },
    (t) => ({
      nodes: t.field({ type: [node], description: `The ${what}s on this page, without cursors.`, resolve: (c) => c.items.map((item) => item.node) }),
    }),
  );
}


