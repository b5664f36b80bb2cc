import {
  getArgumentValues,
  getNamedType,
  GraphQLError,
  isAbstractType,
  isObjectType,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
} from 'graphql';
// The executor's own field collection (public in graphql 16, marked internal): the planner sees exactly the fields,
// fragments and @skip/@include the execution will resolve.
import { collectSubfields } from 'graphql/execution/collectFields.js';
import type { EntityKind } from '../model/kinds.ts';
import { ENTITY_KINDS } from '../model/kinds.ts';
import { groupKey, type OneStepKey } from './loaders/relation-loaders.ts';
import { RELATIONS_KEY, type RelationsKeyOf } from './types/relation-field.ts';

/**
 * The relation fields beneath a root list that can be read with the list in one statement (cypher/planned-pages.ts),
 * level by level: each level is one key of the relation loader but for the parent's id, the kinds of parent it is
 * selected on, and the level its parents come from (0: the root list's items). Reading them ahead only primes the
 * loader (schema/planned-read.ts): resolvers still ask it, and whatever is not planned loads as before.
 *
 * Planned: every typed field that lists relations one step away (such as `Treaty.parties`, `State.signed`) reached
 * through `edges { node }` or `nodes` of the root list or of a planned level, whatever its arguments (cursors,
 * `orderBy`, `asOf`), up to PLAN_MAX_DEPTH levels deep and PLAN_MAX_LEVELS in all.
 * Not planned: `Entity.relations` (its pages read ahead arrive as one large nested value, which the driver decodes
 * more slowly than the loader's rows: README, Performance), transitive containment, fields whose arguments are
 * refused (the resolver then says why, as before), and anything reached another way (a relation's `from`, an
 * effect's `effectTo`…).
 */
export interface PlannedLevelKey {
  readonly parent: number;
  readonly key: OneStepKey;
  readonly kinds: readonly EntityKind[];
}

const PLAN_MAX_DEPTH = 3;
const PLAN_MAX_LEVELS = 8;

const KINDS: ReadonlySet<string> = new Set(ENTITY_KINDS);
const isKind = (name: string): name is EntityKind => KINDS.has(name);

/** A list whose items' entities may hold relation fields: its connection type and the field nodes selecting it. */
interface ListSelection {
  readonly level: number;
  readonly depth: number;
  readonly type: GraphQLOutputType;
  readonly nodes: readonly FieldNode[];
}

export function planRelations(info: GraphQLResolveInfo): PlannedLevelKey[] {
  const levels: { parent: number; key: OneStepKey; kinds: Set<EntityKind> }[] = [];
  const byKey = new Map<string, number>();
  const queue: ListSelection[] = [{ level: 0, depth: 0, type: info.returnType, nodes: info.fieldNodes }];
  for (let list = queue.shift(); list; list = queue.shift()) {
    if (list.depth >= PLAN_MAX_DEPTH) continue;
    for (const { kind, type, nodes } of entitySelections(info, list)) {
      for (const [, fieldNodes] of collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes)) {
        const planned = plannedKey(info, type, fieldNodes);
        if (!planned) continue;
        const identity = `${list.level}|${groupKey(planned.key)}`;
        let level = byKey.get(identity);
        if (level === undefined) {
          if (levels.length >= PLAN_MAX_LEVELS) continue;
          levels.push({ parent: list.level, key: planned.key, kinds: new Set() });
          level = levels.length;
          byKey.set(identity, level);
        }
        levels[level - 1]?.kinds.add(kind);
        queue.push({ level, depth: list.depth + 1, type: planned.type, nodes: fieldNodes });
      }
    }
  }
  return levels.map(({ parent, key, kinds }) => ({ parent, key, kinds: [...kinds] }));
}

/** The entities of a list as each kind of them is selected: through `edges { node }` and `nodes`. */
function entitySelections(info: GraphQLResolveInfo, list: ListSelection): { kind: EntityKind; type: GraphQLObjectType; nodes: readonly FieldNode[] }[] {
  const connection = getNamedType(list.type);
  if (!isObjectType(connection)) return [];
  const entityLists: { type: GraphQLNamedType; nodes: readonly FieldNode[] }[] = [];
  for (const [name, nodes] of fieldsBeneath(info, connection, list.nodes)) {
    const type = fieldType(connection, name);
    if (name === 'nodes' && type) entityLists.push({ type, nodes });
    if (name !== 'edges' || !type || !isObjectType(type)) continue;
    for (const [edgeField, nodeNodes] of fieldsBeneath(info, type, nodes)) {
      const nodeType = fieldType(type, edgeField);
      if (edgeField === 'node' && nodeType) entityLists.push({ type: nodeType, nodes: nodeNodes });
    }
  }
  return entityLists.flatMap(({ type, nodes }) => {
    const runtimeTypes = isAbstractType(type) ? info.schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
    return runtimeTypes.flatMap((runtime) => (isKind(runtime.name) ? [{ kind: runtime.name, type: runtime, nodes }] : []));
  });
}

/** The fields selected beneath `nodes` on `type`, by field name (aliases and fragments included). */
function fieldsBeneath(info: GraphQLResolveInfo, type: GraphQLObjectType, nodes: readonly FieldNode[]): [string, readonly FieldNode[]][] {
  return [...collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes).values()].flatMap((fieldNodes) => {
    const [first] = fieldNodes;
    return first ? [[first.name.value, fieldNodes] as [string, readonly FieldNode[]]] : [];
  });
}

function fieldType(parent: GraphQLObjectType, name: string): GraphQLNamedType | undefined {
  const field = parent.getFields()[name];
  return field && getNamedType(field.type);
}

/**
 * The loader's key of a relation field as its resolver will make it (the field's own RELATIONS_KEY, given what the
 * resolver's `info` would hold), or nothing when the field is not one to plan.
 */
function plannedKey(info: GraphQLResolveInfo, parent: GraphQLObjectType, fieldNodes: readonly FieldNode[]) {
  const [node] = fieldNodes;
  const field = node && parent.getFields()[node.name.value];
  const keyOf = field?.extensions[RELATIONS_KEY] as RelationsKeyOf<Record<string, unknown>> | undefined;
  if (!node || !field || typeof keyOf !== 'function') return undefined;
  try {
    const args = getArgumentValues(field, node, info.variableValues);
    const { key } = keyOf(args, { ...info, fieldName: field.name, fieldNodes, returnType: field.type, parentType: parent });
    return key.transitive ? undefined : { key, type: field.type };
  } catch (error) {
    // Arguments the resolver refuses: it will refuse them again, with the error the client should see.
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
}
