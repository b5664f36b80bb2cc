import neo4j, { type Driver, type ProfiledPlan } from 'neo4j-driver';

/*
 * PROFILE of one statement, apart from plans.ts (which runs ours in-process): every server's child
 * process profiles what it sent, and a variant's child must not load today's app to do so.
 */

/** One statement a server ran for a question, with Neo4j's profile of it. */
export interface StatementPlan {
  readonly name: string;
  readonly text: string;
  /** Operators that read every node of a label, index or database: what must not grow with the data. */
  readonly scans: readonly string[];
  readonly dbHits: number;
  /** The profiled plan, one operator per line, children indented. */
  readonly lines: readonly string[];
}

const SCANS = /(AllNodesScan|NodeByLabelScan|NodeIndexScan|RelationshipTypeScan|AllRelationshipsScan|UnionNodeByLabelsScan)/;

/** Options a statement may open with (`CYPHER 5 runtime=...`): PROFILE goes after them. */
const PREAMBLE = /^\s*CYPHER\b[^\n]*\n/;

/** Runs one statement under PROFILE as a read, with the parameters it was sent with; any server's statements. */
export async function profileStatement(driver: Driver, database: string, name: string, text: string, params: Record<string, unknown>): Promise<StatementPlan> {
  const preamble = PREAMBLE.exec(text)?.[0] ?? '';
  const { summary } = await driver.executeQuery(`${preamble}PROFILE ${text.slice(preamble.length)}`, params, { database, routing: neo4j.routing.READ });
  const profile = summary.profile;
  if (!profile) throw new Error(`no profile for ${name}`);
  const lines: string[] = [];
  const scans: string[] = [];
  let dbHits = 0;
  const visit = (plan: ProfiledPlan, depth: number) => {
    const operator = plan.operatorType.replace(/@.*$/, '');
    const details = plan.arguments.Details ?? '';
    if (SCANS.test(operator) && plan.rows > 0) scans.push(`${operator} ${details}`.trim());
    dbHits += plan.dbHits;
    lines.push(`${'  '.repeat(depth)}${operator}  rows=${plan.rows} dbHits=${plan.dbHits}${details ? `  ${oneLine(details)}` : ''}`);
    for (const child of plan.children) visit(child, depth + 1);
  };
  visit(profile, 0);
  return { name, text, scans, dbHits, lines };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}
