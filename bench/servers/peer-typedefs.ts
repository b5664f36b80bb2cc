import { ENTITY_KINDS, type EntityKind } from '../../model/kinds.ts';
import { RELATION_RULES, RELATION_TYPES, type RelationType } from '../../model/relations.ts';
import { AREA_TREATIES, SHORTEST_PATHS, TIMELINE_AROUND } from '../questions/statements.ts';

/**
 * Type definitions for the peer (@neo4j/graphql 7), derived from the same model as ours so the
 * two stay equivalent as the model changes: one node type per kind (labels `<Kind>:Entity`),
 * one relationship field per relation type and direction the allow-list permits for that kind,
 * the stored properties as fields, and the relation qualifiers as relationship properties.
 *
 * Relationship fields are named by direction and type, `out<Type>` and `in<Type>` (e.g.
 * `Treaty.inSigned` = its parties, `State.outSigned` = its treaties): the peer has no way to
 * merge several types into one field as ours does (`Treaty.affects`), so names follow types.
 *
 * Targets are narrowed as an experienced user of the library types them: a relation whose other end
 * is one kind points at that type, one whose other end is a few kinds at a small interface of just
 * those kinds (`StateOrEmpire`), and only a relation that may reach any kind at `Entity`. The library
 * writes a branch per implementing type into every filter and connection, so a 12-kind target costs
 * 12 branches where the allowed kinds cost 2 or 3.
 *
 * What @neo4j/graphql cannot express is a `@cypher` field with the statement ours runs:
 * `treaties(affecting:)` (a transitive WITHIN*0.. walk), `path` and `timeline`. Each node type also has
 * `allRelations`, a `@cypher` field listing its relations of every type, flat: what a user of the library
 * writes when a generated connection per type and direction is too slow (the heavy question's tuned form).
 */

const ENTITY_FIELDS = `
  id: ID!
  kind: String!
  name: String!
  aliases: [String!]!
  description: String!
  category: String
  status: String
  startYear: Int
  endYear: Int
  startEarliest: Float
  startLatest: Float
  endEarliest: Float
  endLatest: Float
  timeStart: String
  timeEnd: String
  timePrecision: String
  timeText: String
  quantities: String
  dataset: String
  sourceIds: [String!]!
  sourceQuotes: [String!]!`;

const RELATION_FIELDS = `
  id: String!
  role: String
  effect: String
  effectFrom: String
  effectTo: String
  note: String
  startYear: Int
  endYear: Int
  startEarliest: Float
  startLatest: Float
  endEarliest: Float
  endLatest: Float
  timeStart: String
  timeEnd: String
  timePrecision: String
  timeText: String
  sourceIds: [String!]!
  sourceQuotes: [String!]!`;

export type PeerDirection = 'out' | 'in';

/** `OCCURRED_IN` → `OccurredIn`. */
function pascal(type: RelationType): string {
  return type
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** The peer's field for relations of `type` in `direction`, e.g. `inSigned`. */
export function peerField(direction: PeerDirection, type: RelationType): string {
  return `${direction}${pascal(type)}`;
}

export interface PeerRelationField {
  readonly field: string;
  readonly type: RelationType;
  readonly direction: PeerDirection;
}

/** Every relationship field the peer's type for `kind` has. */
export function peerRelationFields(kind: EntityKind): PeerRelationField[] {
  return RELATION_TYPES.flatMap((type) => {
    const rule: { from: readonly EntityKind[]; to: readonly EntityKind[] } = RELATION_RULES[type];
    return [
      ...(rule.from.includes(kind) ? [{ field: peerField('out', type), type, direction: 'out' as const }] : []),
      ...(rule.to.includes(kind) ? [{ field: peerField('in', type), type, direction: 'in' as const }] : []),
    ];
  });
}

/** The kinds at the other end of relations of `type` in `direction`, in the model's order. */
function kindsAtOtherEnd(type: RelationType, direction: PeerDirection): readonly EntityKind[] {
  const rule: { from: readonly EntityKind[]; to: readonly EntityKind[] } = RELATION_RULES[type];
  const kinds = new Set(direction === 'out' ? rule.to : rule.from);
  return ENTITY_KINDS.filter((kind) => kinds.has(kind));
}

/** The type at the other end: the one kind, a small interface of a few (`StateOrEmpire`), or `Entity` for every kind. */
function targetOf(kinds: readonly EntityKind[]): string {
  return kinds.length === ENTITY_KINDS.length ? 'Entity' : kinds.join('Or');
}

/** The small interfaces: each set of two or more kinds, but not all, that some relation may reach. */
function narrowInterfaces(): ReadonlyMap<string, readonly EntityKind[]> {
  const sets = RELATION_TYPES.flatMap((type) => (['out', 'in'] as const).map((direction) => kindsAtOtherEnd(type, direction)));
  return new Map(sets.filter((kinds) => kinds.length > 1 && kinds.length < ENTITY_KINDS.length).map((kinds) => [targetOf(kinds), kinds]));
}

const ALL_RELATIONS = `MATCH (this)-[r]-(other)
    RETURN {type: type(r), direction: CASE WHEN startNode(r) = this THEN 'OUT' ELSE 'IN' END, relationId: r.id, nodeId: other.id, nodeName: other.name} AS edge`;

function nodeType(kind: EntityKind, interfaces: ReadonlyMap<string, readonly EntityKind[]>): string {
  const relations = peerRelationFields(kind).map(
    ({ field, type, direction }) =>
      `  ${field}: [${targetOf(kindsAtOtherEnd(type, direction))}!]! @relationship(type: "${type}", direction: ${direction.toUpperCase()}, properties: "Relation")`,
  );
  const implemented = ['Entity', ...[...interfaces].filter(([, kinds]) => kinds.includes(kind)).map(([name]) => name)];
  const allRelations = `  allRelations: [PeerRelationEdge!]! @cypher(statement: """${ALL_RELATIONS}""", columnName: "edge")`;
  return `type ${kind} implements ${implemented.join(' & ')} @node(labels: ["${kind}", "Entity"]) {${ENTITY_FIELDS}\n${relations.join('\n')}\n${allRelations}\n}`;
}

/** Ours resolves `affecting` by id, name or alias, then walks WITHIN*0..; so does this field. */
const TREATIES_AFFECTING = `${AREA_TREATIES}
    RETURN t`;

const PATHS = `${SHORTEST_PATHS}
    RETURN {
      length: length(p),
      nodeIds: [n IN nodes(p) | n.id],
      relations: [r IN relationships(p) | {relationId: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id}]
    } AS path`;

const TIMELINE = `${TIMELINE_AROUND}
    WITH collect({year: year, entityId: entity.id, relationId: r.id}) AS matched
    RETURN {totalCount: size(matched), entries: matched[0..$first]} AS page`;

export function peerTypeDefs(): string {
  const interfaces = narrowInterfaces();
  return `
extend schema @mutation(operations: []) @subscription(events: [])

interface Entity {${ENTITY_FIELDS}
}

${[...interfaces.keys()].map((name) => `interface ${name} {${ENTITY_FIELDS}\n}`).join('\n\n')}

type Relation @relationshipProperties {${RELATION_FIELDS}
}

${ENTITY_KINDS.map((kind) => nodeType(kind, interfaces)).join('\n\n')}

"""Every entity under its common label alone: what the full-text index covers, for search."""
type AnyEntity @node(labels: ["Entity"]) @fulltext(indexes: [{ indexName: "entity_text", queryName: "searchEntities", fields: ["name", "aliasText", "description"] }]) {${ENTITY_FIELDS}
  aliasText: String
}

type PeerRelationEdge {
  type: String!
  direction: String!
  relationId: String!
  nodeId: String!
  nodeName: String!
}

type PeerPathRelation {
  relationId: String!
  type: String!
  from: String!
  to: String!
}

type PeerPath {
  length: Int!
  nodeIds: [String!]!
  relations: [PeerPathRelation!]!
}

type PeerTimelineEntry {
  year: Int!
  entityId: String
  relationId: String
}

type PeerTimelinePage {
  totalCount: Int!
  entries: [PeerTimelineEntry!]!
}

type Query {
  treatiesAffecting(area: String!, phrase: String!): [Treaty!]! @cypher(statement: """${TREATIES_AFFECTING}""", columnName: "t")
  paths(from: ID!, to: ID!): [PeerPath!]! @cypher(statement: """${PATHS}""", columnName: "path")
  timeline(involving: ID!, first: Int!): PeerTimelinePage! @cypher(statement: """${TIMELINE}""", columnName: "page")
}
`;
}
