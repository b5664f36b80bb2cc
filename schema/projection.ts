import {
  getNamedType,
  isCompositeType,
  isLeafType,
  Kind,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/**
 * Whether a list query may return slim rows (id, kind and name of each entity; id and type of each relation)
 * instead of every stored property: only when nothing the client selected beneath the field reads more. Bolt
 * decoding of unread properties was the largest share of our CPU in the benchmark, and of Neo4j's too.
 *
 * An allow-list by type and field, so that a field added later gets full rows until it is listed here:
 * - on an entity: `id`, `kind`, `name`, and fields marked READS_ONLY_ID (relation fields, whose own rows come
 *   from a loader that decides for itself);
 * - on the types that carry a query's rows: the leaves those rows answer ('leaf') and the fields that hand on
 *   rows of the same query ('rows', looked into).
 * Anything else (descriptions, time spans, sources, qualifiers…) asks for full rows.
 */
export const READS_ONLY_ID = { readsOnlyId: true } as const;

const ENTITY_IDENTITY = new Set(['id', 'kind', 'name']);
const isEntityType = (type: GraphQLCompositeType) =>
  type.name === 'Entity' || type.name === 'Node' || ('getInterfaces' in type && type.getInterfaces().some((i) => i.name === 'Entity'));

type Role = 'leaf' | 'rows';
/** By `Type.field`; `*Suffix.field` covers every connection or edge type. */
const ROLES: ReadonlyMap<string, Role> = new Map([
  ['*Connection.totalCount', 'leaf'],
  ['*Connection.pageInfo', 'leaf'],
  ['*Connection.edges', 'rows'],
  ['*Connection.nodes', 'rows'],
  ['*Edge.cursor', 'leaf'],
  ['*Edge.held', 'leaf'],
  ['*Edge.node', 'rows'],
  ['TimelineEdge.year', 'leaf'],
  ['TimelineEdge.entity', 'rows'],
  ['TimelineEdge.relation', 'rows'],
  ['SearchEdge.score', 'leaf'],
  ['Path.length', 'leaf'],
  ['Path.held', 'leaf'],
  ['Path.nodes', 'rows'],
  ['Path.relations', 'rows'],
  ['Relation.id', 'leaf'],
  ['Relation.relationId', 'leaf'],
  ['Relation.type', 'leaf'],
  ['Relation.label', 'leaf'],
  ['Relation.from', 'rows'],
  ['Relation.to', 'rows'],
  ['RelationEdge.relationId', 'leaf'],
  ['RelationEdge.type', 'leaf'],
  ['RelationEdge.label', 'leaf'],
  ['RelationEdge.direction', 'leaf'],
  ['RelationEdge.relation', 'rows'],
]);

function roleOf(parent: string, field: string): Role | undefined {
  const suffix = /(Connection|Edge)$/.exec(parent)?.[1];
  return ROLES.get(`${parent}.${field}`) ?? (suffix ? ROLES.get(`*${suffix}.${field}`) : undefined);
}

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

const cursorAnswers = new WeakMap<readonly FieldNode[], boolean>();

/**
 * Whether the selection beneath a list field reads a cursor of its own: an edge's `cursor`, or the page's
 * `startCursor` or `endCursor`. Only then does its query return each item's keyset key (cypher/keyset.ts).
 */
export function readsCursors(info: GraphQLResolveInfo): boolean {
  let answer = cursorAnswers.get(info.fieldNodes);
  if (answer === undefined) {
    const type = getNamedType(info.returnType);
    answer = isCompositeType(type) && info.fieldNodes.some((node) => !!node.selectionSet && selectsCursors(node.selectionSet, type, info, true));
    cursorAnswers.set(info.fieldNodes, answer);
  }
  return answer;
}

/** `cursor`, `startCursor` or `endCursor` right in the connection's `edges` or `pageInfo`; unknown fragments count as yes. */
function selectsCursors(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, info: GraphQLResolveInfo, atConnection: boolean): boolean {
  return fieldsOf(selectionSet, parent, info).some((selected) => {
    if (!selected) return true;
    const [field, on] = selected;
    const name = field.name.value;
    if (!atConnection) return name === 'cursor' || name === 'startCursor' || name === 'endCursor';
    if (name !== 'edges' && name !== 'pageInfo') return false;
    const definition = 'getFields' in on ? on.getFields()[name] : undefined;
    const type = definition && getNamedType(definition.type);
    return !!field.selectionSet && !!type && isCompositeType(type) && selectsCursors(field.selectionSet, type, info, false);
  });
}

/** Whether the selection beneath the field reads a relation's `from` or `to` anywhere: slim relations then carry them. */
export function readsRelationEnds(info: GraphQLResolveInfo): boolean {
  const type = getNamedType(info.returnType);
  return isCompositeType(type) && info.fieldNodes.some((node) => !!node.selectionSet && selectsRelationEnds(node.selectionSet, type, info));
}

function selectsRelationEnds(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, info: GraphQLResolveInfo): boolean {
  return fieldsOf(selectionSet, parent, info).some((selected) => {
    if (!selected) return true;
    const [field, on] = selected;
    if (on.name === 'Relation' && (field.name.value === 'from' || field.name.value === 'to')) return true;
    const definition = 'getFields' in on ? on.getFields()[field.name.value] : undefined;
    const type = definition && getNamedType(definition.type);
    return !!field.selectionSet && !!type && isCompositeType(type) && selectsRelationEnds(field.selectionSet, type, info);
  });
}

/**
 * The fields a selection set selects, through fragments, each with the type it is selected on; undefined for
 * a fragment on a type the schema does not have (validation refuses those first).
 */
function fieldsOf(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, info: GraphQLResolveInfo): ([FieldNode, GraphQLCompositeType] | undefined)[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [[selection, parent] as [FieldNode, GraphQLCompositeType]];
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
    const condition = fragment?.typeCondition ? info.schema.getType(fragment.typeCondition.name.value) : parent;
    return fragment && condition && isCompositeType(condition) ? fieldsOf(fragment.selectionSet, condition, info) : [undefined];
  });
}

function selectsOnlyIdentity(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, info: GraphQLResolveInfo): boolean {
  return fieldsOf(selectionSet, parent, info).every((selected) => !!selected && fieldReadsOnlyIdentity(selected[0], selected[1], info));
}

function fieldReadsOnlyIdentity(field: FieldNode, parent: GraphQLCompositeType, info: GraphQLResolveInfo): boolean {
  const name = field.name.value;
  if (name === '__typename') return true;
  const definition: GraphQLField<unknown, unknown> | undefined = 'getFields' in parent ? parent.getFields()[name] : undefined;
  if (!definition) return false;
  const type = getNamedType(definition.type);
  if (isEntityType(parent)) return (isLeafType(type) && ENTITY_IDENTITY.has(name)) || definition.extensions['readsOnlyId'] === true;
  const role = roleOf(parent.name, name);
  if (role === 'leaf') return true;
  if (role !== 'rows' || !isCompositeType(type)) return false;
  return !field.selectionSet || selectsOnlyIdentity(field.selectionSet, type, info);
}
