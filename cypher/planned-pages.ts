import type { EntityKind } from '../model/kinds.ts';
import { cypher, scopeParameters, type CypherQuery } from './query.ts';
import { PAGE_COLUMNS, relationsPageBody, relationsPageName, type RelationsPageParams, type RelationsPageShape, type RelationsPageWire } from './relations.ts';

/**
 * One statement for a list and the relations of its items, level by level: what a GraphQL selection of relation
 * fields beneath a root list costs in one round-trip instead of one per level (schema/relation-plan.ts plans it).
 *
 * The root statement runs as it is, in a subquery. Each level is a page of relations (relationsPageBody, the very
 * text the relation loader sends) of every distinct entity of an allowed kind among the items of the level it
 * hangs from: the root's items (level 0) or an earlier level's pages. Its parameters are those of the loader's
 * statement, renamed `$l<level>_…`, so each level keeps its own window and width; `$l<level>_kinds` names the
 * parent kinds the field is selected on. Each level is returned as the column `level<n>`: a list of rows as the
 * loader's statement returns them, one per parent.
 */
export interface PlannedLevel {
  /** The level whose items are this level's parents: 0 for the root's. */
  readonly parent: number;
  readonly shape: RelationsPageShape;
}

/** The values of one level: those of the loader's statement without its ids, and the kinds of parent it applies to. */
export type LevelParams = Omit<RelationsPageParams, 'ids'> & { readonly kinds: readonly EntityKind[] };

export type LevelColumn = `level${number}`;
export type PlannedRow<Row> = Row & { readonly [column: LevelColumn]: readonly RelationsPageWire[] };

export const levelColumn = (level: number): LevelColumn => `level${level}`;
const levelPrefix = (level: number) => `l${level}_`;

/** The parameters of every level, renamed as the statement expects them. */
export function levelParameters(levels: readonly LevelParams[]): Record<string, unknown> {
  return Object.fromEntries(levels.flatMap((params, index) => Object.entries(params).map(([name, value]) => [`${levelPrefix(index + 1)}${name}`, value])));
}

/**
 * Statements already composed, by name (which says everything the text depends on): composing and compacting one
 * costs milliseconds of CPU, more than the rest of a request. Bounded, since clients choose the shapes; the oldest
 * goes first.
 */
const composed = new Map<string, CypherQuery<Record<string, unknown>, unknown>>();
const MAX_COMPOSED = 500;

export function withRelationPages<Params extends Record<string, unknown>, Row>(
  root: CypherQuery<Params, Row>,
  levels: readonly PlannedLevel[],
): CypherQuery<Params & Record<string, unknown>, PlannedRow<Row>> {
  const name = `planned(${[root.name, ...levels.map(({ parent, shape }) => `${parent}>${relationsPageName(shape)}`)].join(' ')})`;
  const known = composed.get(name) as CypherQuery<Params & Record<string, unknown>, PlannedRow<Row>> | undefined;
  if (known) return known;
  const statement = compose(name, root, levels);
  if (composed.size >= MAX_COMPOSED) composed.delete(composed.keys().next().value ?? '');
  composed.set(name, statement);
  return statement;
}

function compose<Params extends Record<string, unknown>, Row>(
  name: string,
  root: CypherQuery<Params, Row>,
  levels: readonly PlannedLevel[],
): CypherQuery<Params & Record<string, unknown>, PlannedRow<Row>> {
  const clauses = levels.map(({ parent, shape }, index) => {
    const level = index + 1;
    if (parent < 0 || parent >= level) throw new Error(`level ${level} cannot hang from level ${parent}`);
    const source = parent === 0 ? 'items' : levelColumn(parent);
    const parents = parent === 0 ? 'UNWIND parents AS parent' : 'UNWIND parents AS parentPage UNWIND parentPage.items AS parent';
    // A relation page's slim items are lists (cypher/relations.ts relatedItem): the other entity's id and kind at 2 and 3.
    const [parentId, parentKind] =
      parent === 0
        ? ['parent.node.id', 'parent.node.kind']
        : [`CASE WHEN $${levelPrefix(parent)}slim THEN parent[2] ELSE parent.node.id END`, `CASE WHEN $${levelPrefix(parent)}slim THEN parent[3] ELSE parent.node.kind END`];
    // Neo4j refuses a variable returned into a subquery that imported one of that name, and the pages' own
    // statement binds `items` as the root's holds them: the parents come in renamed, and a page leaves as one map.
    const page = `{${PAGE_COLUMNS.map((column) => `${column}: ${column}`).join(', ')}} AS page`;
    return `CALL (${source}) {
      WITH ${source} AS parents
      CALL (parents) {
        ${parents}
        WITH DISTINCT ${parentId} AS id, ${parentKind} AS kind WHERE kind IN $${levelPrefix(level)}kinds
        ${scopeParameters(relationsPageBody(shape, page), levelPrefix(level))}
      }
      RETURN collect(page) AS ${levelColumn(level)}
    }`;
  });
  return cypher(name, `CALL () { ${root.text} } ${clauses.join(' ')} RETURN *`);
}
