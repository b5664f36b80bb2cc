/**
 * Every GraphQL operation the explorer sends, by name: nothing else leaves it. Each is listed in
 * explorer/trusted-documents.json (`npm run explorer:manifest` writes it; a test fails when it drifts), so a
 * server run with TRUSTED_DOCUMENTS set to that manifest still serves a working explorer.
 *
 * They stay inside the server's default limits (MAX_COST 50,000, MAX_DEPTH 10, MAX_TOKENS 1,000, pages of at
 * most 100): tests/unit/explorer-operations.test.ts checks each against them.
 */

const TIME = `fragment ExplorerTime on TimeSpan { text precision start { iso year } end { iso year } }`;

const ENTITY_REF = `fragment ExplorerEntityRef on Entity { id name kind time { ...ExplorerTime } }`;

/** One group of an entity's relations: each with its dates, effect, note and the quotes it comes from. */
const RELATION_PAGE = `fragment ExplorerRelationPage on RelationConnection {
  totalCount
  edges {
    direction
    node { ...ExplorerEntityRef }
    relation {
      id type label role effect note
      time { ...ExplorerTime }
      effectFrom { id name kind }
      effectTo { id name kind }
      sources { quote sourceId }
    }
  }
}`;

/** Ranked hits for what a person types, with kind and dates. */
const search = `query ExplorerSearch($query: String!, $first: Int!) {
  search(query: $query, first: $first) {
    totalCount
    edges { score node { ...ExplorerEntityRef aliases } }
  }
}
${ENTITY_REF}
${TIME}`;

/**
 * An entity with its relations grouped by the typed fields of its kind, as the schema names them, and all of
 * them (`relations`), so that relations no typed field names are shown too.
 */
const entity = `query ExplorerEntity($id: ID!) {
  entity(id: $id) {
    ...ExplorerEntityRef
    aliases category status description
    quantities { name value unit }
    sources { quote sourceId }
    relations(first: 100) { ...ExplorerRelationPage }
    ... on Border { separates { ...ExplorerRelationPage } divides { ...ExplorerRelationPage } tripoints { ...ExplorerRelationPage } runsThrough { ...ExplorerRelationPage } crossings { ...ExplorerRelationPage } treaties { ...ExplorerRelationPage } partOf { ...ExplorerRelationPage } sections { ...ExplorerRelationPage } inheritedBy { ...ExplorerRelationPage } }
    ... on Empire { signed { ...ExplorerRelationPage } notPartyTo { ...ExplorerRelationPage } doesNotRecognise { ...ExplorerRelationPage } notRecognisedBy { ...ExplorerRelationPage } borders { ...ExplorerRelationPage } contains { ...ExplorerRelationPage } controls { ...ExplorerRelationPage } succeeded { ...ExplorerRelationPage } succeededBy { ...ExplorerRelationPage } inherited { ...ExplorerRelationPage } partOf { ...ExplorerRelationPage } constituents { ...ExplorerRelationPage } leaders { ...ExplorerRelationPage } events { ...ExplorerRelationPage } follows { ...ExplorerRelationPage } regardsAsThreat { ...ExplorerRelationPage } }
    ... on State { signed { ...ExplorerRelationPage } notPartyTo { ...ExplorerRelationPage } doesNotRecognise { ...ExplorerRelationPage } notRecognisedBy { ...ExplorerRelationPage } borders { ...ExplorerRelationPage } contains { ...ExplorerRelationPage } controls { ...ExplorerRelationPage } succeeded { ...ExplorerRelationPage } succeededBy { ...ExplorerRelationPage } inherited { ...ExplorerRelationPage } partOf { ...ExplorerRelationPage } constituents { ...ExplorerRelationPage } leaders { ...ExplorerRelationPage } events { ...ExplorerRelationPage } follows { ...ExplorerRelationPage } regardsAsThreat { ...ExplorerRelationPage } within { ...ExplorerRelationPage } }
    ... on Event { participants { ...ExplorerRelationPage } ledBy { ...ExplorerRelationPage } locations { ...ExplorerRelationPage } partOf { ...ExplorerRelationPage } parts { ...ExplorerRelationPage } affected { ...ExplorerRelationPage } ledTo { ...ExplorerRelationPage } causes { ...ExplorerRelationPage } opposedBy { ...ExplorerRelationPage } }
    ... on Group { opposed { ...ExplorerRelationPage } ledBy { ...ExplorerRelationPage } partOf { ...ExplorerRelationPage } members { ...ExplorerRelationPage } activeIn { ...ExplorerRelationPage } events { ...ExplorerRelationPage } regardedAsThreatBy { ...ExplorerRelationPage } }
    ... on Organisation { activeIn { ...ExplorerRelationPage } regardedAsThreatBy { ...ExplorerRelationPage } opposed { ...ExplorerRelationPage } opposedBy { ...ExplorerRelationPage } members { ...ExplorerRelationPage } affected { ...ExplorerRelationPage } }
    ... on Pass { crosses { ...ExplorerRelationPage } within { ...ExplorerRelationPage } events { ...ExplorerRelationPage } }
    ... on Person { opposed { ...ExplorerRelationPage } led { ...ExplorerRelationPage } events { ...ExplorerRelationPage } opposedBy { ...ExplorerRelationPage } }
    ... on Policy { followedBy { ...ExplorerRelationPage } concerns { ...ExplorerRelationPage } }
    ... on Region { within { ...ExplorerRelationPage } contains { ...ExplorerRelationPage } treaties { ...ExplorerRelationPage } borders { ...ExplorerRelationPage } controlledBy { ...ExplorerRelationPage } adjacentTo { ...ExplorerRelationPage } crossings { ...ExplorerRelationPage } events { ...ExplorerRelationPage } presence { ...ExplorerRelationPage } }
    ... on Source { url license attribution depicts { ...ExplorerRelationPage } }
    ... on Treaty { parties { ...ExplorerRelationPage } nonParties { ...ExplorerRelationPage } affects { ...ExplorerRelationPage } implements { ...ExplorerRelationPage } implementedBy { ...ExplorerRelationPage } notRecognisedBy { ...ExplorerRelationPage } opposedBy { ...ExplorerRelationPage } concerns { ...ExplorerRelationPage } initiatedBy { ...ExplorerRelationPage } }
  }
}
${RELATION_PAGE}
${ENTITY_REF}
${TIME}`;

/** The graph around an entity: its relations, and with `twoHops` those of its neighbours too. */
const neighbourhood = `query ExplorerNeighbourhood($id: ID!, $twoHops: Boolean!) {
  entity(id: $id) {
    id name kind
    relations(first: 100) {
      totalCount
      edges {
        direction relation { id label }
        node {
          id name kind
          relations(first: 40) @include(if: $twoHops) { totalCount edges { direction relation { id label } node { id name kind } } }
        }
      }
    }
  }
}`;

/** Dated facts in order: around one entity (`involving`), or of the whole graph. */
const timeline = `query ExplorerTimeline($involving: ID, $after: String) {
  timeline(involving: $involving, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      year
      time { ...ExplorerTime }
      entity { id name kind }
      relation { id label from { id name kind } to { id name kind } }
    }
  }
}
${TIME}`;

/** A source document with its text, attribution and licence, for showing a quote in its context. */
const source = `query ExplorerSource($id: ID!) {
  entity(id: $id) {
    id name kind description
    ... on Source { url license attribution basis text }
  }
}`;

/** "Treaties affecting <place>": the place as resolved, and the treaties with their parties and what they affected. */
const treatiesAffecting = `query ExplorerTreatiesAffecting($place: String!, $placeId: ID!) {
  place: entity(id: $placeId) { id name kind }
  treaties(affecting: $place, first: 50) {
    totalCount
    edges {
      node {
        ...ExplorerEntityRef
        parties { edges { relation { id label } node { id name kind } } }
        affects { edges { relation { id label effect } node { id name kind } } }
      }
    }
  }
}
${ENTITY_REF}
${TIME}`;

/** "How is <A> connected to <B>": the shortest paths, each relation in its own direction. */
const path = `query ExplorerPath($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxHops: 6) {
    length
    nodes { id name kind }
    relations { id label from { id } to { id } }
  }
}`;

/** The size of the graph, for the explorer's first page. */
const overview = `query ExplorerOverview {
  stats { entityCount relationCount entities { kind count } }
}`;

export const OPERATIONS = { search, entity, neighbourhood, timeline, source, treatiesAffecting, path, overview } as const;
export type OperationKey = keyof typeof OPERATIONS;
