import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { profileOurs } from '../../bench/plans.ts';
import { UNDATED_YEAR } from '../../model/codec.ts';
import { ORDERS, encodeCursor, orderOf } from '../../schema/pages.ts';
import { loadDataset, unloadDatasets } from '../../services/ingest/load.ts';
import { FRONTIER_DIR, loadSeed, testDriver, testExecutor } from '../support/database.ts';

// What each question costs must not grow with the data: every statement starts from an index seek
// (or reads a page of an ordered index), never from a scan of a label, an index or all relationships.
// Neo4j's planner is cost-based, so this pins the plans it chooses for the statements as we write them.

let driver: Driver;

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
  // A second dataset that defines some of the seed's items, so that their claims are read too.
  await loadDataset(testExecutor(driver), FRONTIER_DIR);
});
afterAll(async () => {
  // The next file expects the seed alone, as most do.
  await unloadDatasets(testExecutor(driver), ['russia-qing-frontier']);
  await driver.close();
});

/** A cursor of the entities in the order asked, at the key given: [year, name, id]. */
const yearCursor = (field: 'START' | 'END', direction: 'ASC' | 'DESC', key: [number, string, string]) => encodeCursor(orderOf('entities', { field, direction }, 'NAME'), key);

const QUESTIONS = {
  affecting: '{ treaties(affecting: "Ili basin") { totalCount edges { node { id name } } } }',
  between: `{ treaties(between: ["russian-empire", "Qing Empire"], first: 20) { edges { node { id name
    parties(first: 10) { nodes { id name ... on Empire { signed(first: 50) { nodes { id name } } } } } } } } }`,
  timeline: '{ timeline(involving: "Bedel Pass", first: 20) { totalCount edges { year entity { id } relation { relationId } } } }',
  path: '{ path(from: "azimbek-beknazarov", to: "china", maxHops: 4) { length nodes { id } relations { relationId } } }',
  search: '{ search(query: "Irkestam", first: 10) { edges { score node { id name kind description } } } }',
  relations: '{ entity(id: "china") { relations(first: 20) { totalCount edges { type node { id name } } } } }',
  // A relation by its global id starts from its subject's id; an edge's relation loads the parent end by id.
  relationNode: '{ node(id: "kyrgyzstan--adjacent-to--xinjiang") { id ... on Relation { note from { id } to { id } } } }',
  edgeRelations: '{ entity(id: "china") { relations(first: 20) { edges { relation { id note from { id name } to { id name } } } } } }',
  // Pages after a keyset cursor start from the cursor's values in the index, not from the list's beginning.
  entitiesAfter: `{ entities(kinds: [Region], first: 5, after: "${encodeCursor(ORDERS.entitiesByName, ['Ili River basin', 'ili-river-basin'])}") { totalCount pageInfo { hasPreviousPage } nodes { id } } }`,
  entitiesOfKindsAfter: `{ entities(kinds: [Pass, Border], first: 5, after: "${encodeCursor(ORDERS.entitiesByName, ['Irkeshtam Pass', 'irkeshtam-pass'])}") { totalCount nodes { id } } }`,
  // Ordered, two-way pages: read from the same indexes, in either direction, from either cursor.
  entitiesByNameDescending: '{ entities(kinds: [Region], orderBy: {field: NAME, direction: DESC}, first: 5) { totalCount pageInfo { hasNextPage } nodes { id } } }',
  entitiesBackwards: `{ entities(kinds: [Pass, Border], last: 5, before: "${encodeCursor(ORDERS.entitiesByName, ['Irkeshtam Pass', 'irkeshtam-pass'])}") { totalCount pageInfo { hasPreviousPage } nodes { id } } }`,
  entitiesBackwardsDescending: `{ entities(orderBy: {field: NAME, direction: DESC}, last: 5, before: "${encodeCursor(orderOf('entities', { field: 'NAME', direction: 'DESC' }, 'NAME'), ['Ili River basin', 'ili-river-basin'])}") { nodes { id } } }`,
  // By start or end year: each kind's part of an index on (kind, year, name, id) read from the cursor, undated
  // entities (at a year after every real one) included, for every kind, one kind or several.
  entitiesByStart: '{ entities(orderBy: {field: START}, first: 5) { totalCount pageInfo { hasNextPage } nodes { id } } }',
  entitiesByStartAfter: `{ entities(kinds: [Treaty], orderBy: {field: START}, first: 5, after: "${yearCursor('START', 'ASC', [1870, 'Treaty of Uliastai', 'treaty-of-uliastai-1870'])}") { totalCount pageInfo { hasPreviousPage } nodes { id } } }`,
  entitiesByStartBackwards: `{ entities(kinds: [Region, Treaty], orderBy: {field: START}, last: 5, before: "${yearCursor('START', 'ASC', [UNDATED_YEAR, 'Lake Zaysan', 'lake-zaysan'])}") { totalCount pageInfo { hasPreviousPage } nodes { id } } }`,
  entitiesByStartDescending: '{ entities(kinds: [State, Empire], orderBy: {field: START, direction: DESC}, first: 5) { totalCount pageInfo { hasNextPage } nodes { id } } }',
  entitiesByStartDescendingBackwards: `{ entities(orderBy: {field: START, direction: DESC}, last: 5, before: "${yearCursor('START', 'DESC', [1881, 'Treaty of Saint Petersburg', 'treaty-of-saint-petersburg-1881'])}") { nodes { id } } }`,
  entitiesByEnd: `{ entities(kinds: [Treaty, Region], orderBy: {field: END}, first: 5, after: "${yearCursor('END', 'ASC', [1864, 'Treaty of Tarbagatai', 'treaty-of-tarbagatai-1864'])}") { totalCount pageInfo { hasPreviousPage } nodes { id } } }`,
  entitiesByEndBackwards: '{ entities(orderBy: {field: END}, last: 5) { totalCount pageInfo { hasPreviousPage } nodes { id } } }',
  entitiesByEndDescending: `{ entities(kinds: [Region], orderBy: {field: END, direction: DESC}, first: 5, after: "${yearCursor('END', 'DESC', [UNDATED_YEAR, 'Lake Zaysan', 'lake-zaysan'])}") { totalCount pageInfo { hasPreviousPage } nodes { id } } }`,
  entitiesByEndDescendingBackwards: '{ entities(kinds: [Treaty], orderBy: {field: END, direction: DESC}, last: 5) { totalCount nodes { id } } }',
  // Every treaty, in any order: the same index-backed page as entities(kinds: [Treaty]).
  treatiesByStart: '{ treaties(first: 5) { totalCount pageInfo { hasNextPage } edges { node { id name } } } }',
  treatiesByNameBackwards: '{ treaties(orderBy: {field: NAME}, last: 3) { totalCount pageInfo { hasPreviousPage } edges { node { id } } } }',
  treatiesByEndDescending: '{ treaties(orderBy: {field: END, direction: DESC}, first: 3) { totalCount edges { node { id } } } }',
  treatiesOrdered: '{ treaties(affecting: "Ili basin", orderBy: {field: END, direction: DESC}, last: 3) { totalCount edges { node { id name } } } }',
  relationsOrdered: '{ entity(id: "china") { relations(orderBy: {field: NAME, direction: DESC}, last: 5) { totalCount edges { node { id name } } } } }',
  timelineOrdered: '{ timeline(involving: "Bedel Pass", orderBy: {field: END, direction: DESC}, last: 5) { totalCount edges { year entity { id } } } }',
  // Containment at any depth: a bounded expansion from the place's id.
  withinTransitive: '{ entity(id: "aksu-prefecture") { ... on Region { within(transitive: true) { totalCount edges { depth node { id } } } } } }',
  containsTransitive: '{ entity(id: "china") { ... on State { contains(transitive: true) { totalCount edges { depth node { id } } } } } }',
  // A steered path: the conditions are tested as the search goes.
  pathSteered: '{ path(from: "bedel-pass", to: "china", maxHops: 4, avoid: ["kyrgyzstan"], kinds: [Region, Pass, Border, State], types: [WITHIN, CROSSES, DIVIDES, RUNS_THROUGH]) { length nodes { id } } }',
  // As of a date: each label's time index finds what may have held then, at any size.
  asOfPolities: '{ entities(kinds: [State, Empire], asOf: "1881", first: 20) { totalCount edges { held node { id name } } } }',
  asOfKind: '{ entities(kinds: [Treaty], asOf: "1900", certainty: CERTAIN) { totalCount edges { held node { id } } } }',
  asOfEverything: '{ entities(asOf: "1900", first: 5, undated: EXCLUDE) { totalCount nodes { id } } }',
  asOfTreaties: '{ treaties(asOf: "1900") { totalCount edges { held node { id name } } } }',
  asOfAffecting: '{ treaties(affecting: "Ili basin", asOf: "1900") { totalCount edges { held node { id } } } }',
  asOfRelations: '{ entity(id: "russian-empire") { relations(asOf: "1855") { totalCount edges { held node { id } } } } }',
  asOfPath: '{ path(from: "kirghiz-ssr", to: "china", asOf: "1950") { held length } }',
  snapshot: '{ snapshot(around: "Ili basin", asOf: "1881") { held within { node { id } } controlledBy { node { id } } borders { node { id } } treaties { node { id } } polities { node { id } } } }',
  claims: '{ entity(id: "qing-empire") { conflicts claims { dataset name } relations(first: 20) { edges { conflicts claims { dataset note } } } } }',
};

describe('query plans', () => {
  it.each(Object.entries(QUESTIONS))('%s: no statement scans', async (_name, query) => {
    const plans = await profileOurs(driver, inject('neo4j').database, { query, variables: {} });
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.map((plan) => ({ statement: plan.name, scans: plan.scans }))).toEqual(plans.map((plan) => ({ statement: plan.name, scans: [] })));
  });
});
