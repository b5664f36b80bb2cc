import {
  getNamedType,
  isCompositeType,
  isLeafType,
  Kind,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/**
 * Whether a list query may return slim rows (id, kind and name of each entity; id and type of each relation)
 * instead of every stored property: only when nothing the client selected beneath the field reads more. Bolt
 * decoding of unread properties was the largest share of our CPU in the benchmark, and of Neo4j's too.
 *
 * Read as an allow-list, so a field added later gets full rows until it is listed here:
 * - IDENTITY: leaves answered from id, kind, name, the relation's type, or the page itself;
 * - STRUCTURE: fields that hand on rows of the same query (edges, nodes, the ends of a relation…): looked into;
 * - a field of an entity that returns a connection (`parties`, `relations`…) needs only the entity's id: its own
 *   rows come from a loader, which reads in full.
 * Anything else (descriptions, time spans, sources, qualifiers…) asks for full rows.
 */
const IDENTITY = new Set(['__typename', 'id', 'kind', 'name', 'relationId', 'type', 'label', 'direction', 'cursor', 'year', 'length', 'score', 'totalCount']);
const STRUCTURE = new Set(['edges', 'node', 'nodes', 'entity', 'relation', 'relations', 'from', 'to', 'pageInfo']);
/** Types whose rows are entities: the Entity and Node interfaces and each kind's object type. */
const isEntityType = (type: GraphQLCompositeType) => type.name === 'Entity' || type.name === 'Node' || ('getInterfaces' in type && type.getInterfaces().some((i) => i.name === 'Entity'));

/**
 * Kept per list of field nodes (a field merged from several places in a document has several): the executor
 * hands the same list to every parent of a field under a list, which would otherwise each walk the selection.
 */
const answers = new WeakMap<readonly FieldNode[], boolean>();

export function readsOnlyIdentity(info: GraphQLResolveInfo): boolean {
  let answer = answers.get(info.fieldNodes);
  if (answer === undefined) {
    const type = getNamedType(info.returnType);
    answer = isCompositeType(type) && info.fieldNodes.every((node) => !node.selectionSet || selectsOnlyIdentity(node.selectionSet, type, info));
    answers.set(info.fieldNodes, answer);
  }
  return answer;
}

function selectsOnlyIdentity(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, info: GraphQLResolveInfo): boolean {
  return selectionSet.selections.every((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return fieldReadsOnlyIdentity(selection, parent, info);
      case Kind.INLINE_FRAGMENT: {
        const condition = selection.typeCondition ? info.schema.getType(selection.typeCondition.name.value) : parent;
        return !!condition && isCompositeType(condition) && selectsOnlyIdentity(selection.selectionSet, condition, info);
      }
      case Kind.FRAGMENT_SPREAD: {
        const fragment = info.fragments[selection.name.value];
        const condition = fragment && info.schema.getType(fragment.typeCondition.name.value);
        return !!condition && isCompositeType(condition) && selectsOnlyIdentity(fragment.selectionSet, condition, info);
      }
    }
  });
}

function fieldReadsOnlyIdentity(field: FieldNode, parent: GraphQLCompositeType, info: GraphQLResolveInfo): boolean {
  const name = field.name.value;
  if (name === '__typename') return true;
  const definition = 'getFields' in parent ? parent.getFields()[name] : undefined;
  if (!definition) return false;
  const type = getNamedType(definition.type);
  if (isLeafType(type)) return IDENTITY.has(name);
  if (name === 'pageInfo') return true;
  if (isEntityType(parent) && type.name.endsWith('Connection')) return true;
  if (!STRUCTURE.has(name) || !isCompositeType(type)) return false;
  return !field.selectionSet || selectsOnlyIdentity(field.selectionSet, type, info);
}
