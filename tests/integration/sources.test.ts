// Several datasets describe one entity (issue 12): each keeps its own names, dates and quotes, the API shows the
// merge with every claim beside it, and loading, reloading or removing one dataset changes only what it claims.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { FixtureError, LoadRefused } from '../../model/errors.ts';
import { updateEntity } from '../../services/curation/entities.ts';
import { patchEntity } from '../../services/curation/inputs.ts';
import { atInput } from '../../services/curation/problems.ts';
import { loadDataset, loadDatasets, unloadDatasets } from '../../services/ingest/load.ts';
import { dataOf, testApp } from '../support/app.ts';
import { FRONTIER_DIR, SEED_DIR, emptyDatabase, fullSnapshot, snapshot, testDriver, testExecutor } from '../support/database.ts';

const SEED = 'china-kyrgyzstan-border';
const FRONTIER = 'russia-qing-frontier';

let driver: Driver;
let graphql: ReturnType<typeof testApp>['graphql'];
beforeAll(() => {
  driver = testDriver();
  graphql = testApp(driver).graphql;
});
beforeEach(async () => {
  await emptyDatabase(driver);
});
afterAll(async () => {
  await emptyDatabase(driver);
  await driver.close();
});

const load = (dir: string) => loadDataset(testExecutor(driver), dir);
const unload = (...ids: string[]) => unloadDatasets(testExecutor(driver), ids);
const curate = (id: string, patch: Parameters<typeof patchEntity>[1]) =>
  updateEntity(testExecutor(driver), { id, path: ['input', 'id'] }, (current) => ({ draft: patchEntity(current, patch), locate: atInput }), { editor: 'alice' });

async function copyOf(dir: string): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), 'tianshan-dataset-'));
  await cp(dir, copy, { recursive: true });
  return copy;
}

async function edit(dir: string, file: string, change: (text: string) => string): Promise<void> {
  const target = path.join(dir, file);
  const before = await readFile(target, 'utf8');
  const after = change(before);
  expect(after, `${file} changed`).not.toBe(before);
  await writeFile(target, after);
}

/** A dataset of one document and the entities given, in a fresh folder. */
async function smallDataset(id: string, text: string, entities: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tianshan-dataset-'));
  await writeFile(
    path.join(dir, 'dataset.yaml'),
    `id: ${id}\nname: ${id}\ndescription: A test dataset.\ndocuments:\n  - { id: ${id}-note, name: Note, description: A note., file: note.txt, basis: background }\n`,
  );
  await writeFile(path.join(dir, 'note.txt'), text);
  await writeFile(path.join(dir, 'entities.yaml'), entities);
  await writeFile(path.join(dir, 'relations.yaml'), '[]\n');
  return dir;
}

async function stored(id: string): Promise<Record<string, unknown> | undefined> {
  const { records } = await driver.executeQuery('MATCH (e:Entity {id: $id}) RETURN properties(e) AS p', { id }, { database: inject('neo4j').database });
  return records[0]?.get('p') as Record<string, unknown> | undefined;
}

type Claim = { dataset: string; name?: string; note?: string | null; time: { start: { iso: string } | null; end: { iso: string } | null } | null; sources: { quote: string }[] };

describe('a second dataset that defines entities the seed defines', () => {
  it('keeps both datasets\' names, dates and quotes, on at least five shared entities, and loses none of the seed\'s', async () => {
    const seedOnly = await load(SEED_DIR).then(() => stored('qing-empire'));
    const report = await load(FRONTIER_DIR);
    expect(report.entities).toEqual({ created: 16, updated: 0, unchanged: 0, removed: 0 });
    expect(report.relations).toEqual({ created: 18, updated: 0, unchanged: 0, removed: 0 });

    const { records } = await driver.executeQuery('MATCH (e:Entity) WHERE size(e.datasets) = 2 RETURN collect(e.id) AS shared', {}, { database: inject('neo4j').database });
    expect((records[0]?.get('shared') as string[]).length).toBeGreaterThanOrEqual(5);

    const { entity } = dataOf<{ entity: { name: string; aliases: string[]; sources: { quote: string; sourceId: string }[]; datasets: string[]; conflicts: string[]; claims: Claim[] } }>(
      await graphql('{ entity(id: "qing-empire") { name aliases sources { quote sourceId } datasets conflicts claims { dataset name sources { quote } } } }'),
    );
    // The seed ranks before the frontier dataset (by id): its name stays the name, the other becomes an alias.
    expect(entity.name).toBe('Qing Empire');
    expect(entity.aliases).toEqual([...(seedOnly?.aliases as string[]), 'Great Qing']);
    expect(entity.sources.map((s) => s.quote)).toEqual([...(seedOnly?.sourceQuotes as string[]), 'between the Russian Empire and the Qing dynasty']);
    expect(entity.datasets).toEqual([SEED, FRONTIER]);
    expect(entity.conflicts).toEqual(['NAME', 'DESCRIPTION']);
    expect(entity.claims.map((claim) => [claim.dataset, claim.name])).toEqual([[SEED, 'Qing Empire'], [FRONTIER, 'Qing dynasty']]);

    for (const query of ['Qing Empire', 'Qing dynasty', 'Great Qing']) {
      const { search } = dataOf<{ search: { edges: { node: { id: string } }[] } }>(await graphql('query ($q: String!) { search(query: $q, first: 3) { edges { node { id } } } }', { q: query }));
      expect(search.edges[0]?.node.id, query).toBe('qing-empire');
    }
  });

  it('shows where they disagree, each claim with its dataset and quotes: two dates for the Dungan revolt', async () => {
    await load(SEED_DIR);
    await load(FRONTIER_DIR);
    const { entity } = dataOf<{ entity: { time: { end: { iso: string } }; conflicts: string[]; claims: Claim[] } }>(
      await graphql('{ entity(id: "dungan-revolt") { time { end { iso } } conflicts claims { dataset time { start { iso } end { iso } } sources { quote } } } }'),
    );
    expect(entity.time.end.iso).toBe('1877');
    expect(entity.conflicts).toEqual(['NAME', 'DESCRIPTION', 'TIME']);
    expect(entity.claims).toEqual([
      { dataset: SEED, time: { start: { iso: '1862' }, end: { iso: '1877' } }, sources: [{ quote: 'crumbled during the Dungan revolt (1862–77)' }] },
      { dataset: FRONTIER, time: { start: { iso: '1862' }, end: { iso: '1873' } }, sources: [{ quote: 'This chronology dates it 1862 to 1873, when the last rebel strongholds in Gansu fell.' }] },
    ]);

    // A value only one dataset gives fills in: the seed does not say when each party signed.
    const { entity: treaty } = dataOf<{ entity: { parties: { edges: { node: { id: string }; note: string; time: { start: { iso: string } }; conflicts: string[]; claims: Claim[] }[] } } }>(
      await graphql('{ entity(id: "treaty-of-saint-petersburg-1881") { ... on Treaty { parties { edges { node { id } note time { start { iso } } conflicts claims { dataset note } } } } } }'),
    );
    const qing = treaty.parties.edges.find((edge) => edge.node.id === 'qing-empire');
    expect(qing).toMatchObject({ note: expect.stringMatching(/^The treaty readjusted/), time: { start: { iso: '1881-02-24' } }, conflicts: ['NOTE'] });
    expect(qing?.claims.map((claim) => [claim.dataset, claim.note])).toEqual([[SEED, expect.stringMatching(/^The treaty readjusted/)], [FRONTIER, 'Signed for the Qing by Zeng Jize.']]);
  });

  it('in the example of the issue, a one-entity dataset calling qing-empire "Qing dynasty" loses nothing of the seed, even ranked first', async () => {
    await load(SEED_DIR);
    const seedOnly = await stored('qing-empire');
    const before = await fullSnapshot(driver);
    // "a-qing-note" ranks before the seed: its name becomes the name, and the seed's stays an alias.
    const dir = await smallDataset('a-qing-note', 'The Qing dynasty ruled China until 1912.', `- id: qing-empire\n  kind: Empire\n  name: Qing dynasty\n  description: The last imperial dynasty of China.\n  sources: [{ quote: "The Qing dynasty ruled China until 1912." }]\n`);
    await load(dir);
    const { entity } = dataOf<{ entity: { name: string; aliases: string[]; sources: { quote: string }[] } }>(await graphql('{ entity(id: "qing-empire") { name aliases sources { quote } } }'));
    expect(entity.name).toBe('Qing dynasty');
    // The seed's aliases were Qing, Qing China and Qing dynasty: the last is now the name.
    expect(seedOnly?.aliases).toEqual(['Qing', 'Qing China', 'Qing dynasty']);
    expect(entity.aliases).toEqual(['Qing Empire', 'Qing', 'Qing China']);
    expect(entity.sources.map((s) => s.quote)).toEqual(expect.arrayContaining(seedOnly?.sourceQuotes as string[]));
    // Found by search, and still a name that arguments naming an entity accept.
    const { search } = dataOf<{ search: { edges: { node: { id: string } }[] } }>(await graphql('{ search(query: "Qing Empire", first: 3) { edges { node { id } } } }'));
    expect(search.edges.map((edge) => edge.node.id)).toContain('qing-empire');
    dataOf(await graphql('{ timeline(involving: "Qing Empire", first: 1) { totalCount } }'));

    // Reloading the seed leaves its claim, and the note's, as they are; removing the note gives back the seed alone.
    expect((await load(SEED_DIR)).entities).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect((await unload('a-qing-note'))[0]?.entities).toEqual({ created: 0, updated: 0, unchanged: 0, removed: 2 });
    expect(await fullSnapshot(driver)).toEqual(before);
  });
});

describe('loading, reloading or removing one dataset', () => {
  it('changes only that dataset\'s claims: the seed\'s and a curator\'s survive every step', async () => {
    await load(SEED_DIR);
    await curate('dungan-revolt', { description: 'The Hui uprising of 1862, as the curators describe it.' });
    const seedAndCuration = await fullSnapshot(driver);

    await load(FRONTIER_DIR);
    const withFrontier = await fullSnapshot(driver);
    const reloaded = await load(SEED_DIR);
    expect(reloaded.entities).toEqual({ created: 0, updated: 0, unchanged: 82, removed: 0 });
    expect(reloaded.relations).toEqual({ created: 0, updated: 0, unchanged: 165, removed: 0 });
    expect(await fullSnapshot(driver)).toEqual(withFrontier);

    // The frontier dataset changes one date and drops a relation: only its claims change.
    const dir = await copyOf(FRONTIER_DIR);
    await edit(dir, 'entities.yaml', (text) => text.replace('end: "1873", precision: year, text: "1862 to 1873"', 'end: "1874", precision: year'));
    await edit(dir, 'relations.yaml', (text) => text.slice(0, text.lastIndexOf('\n- type:')));
    const changed = await load(dir);
    expect(changed.entities).toEqual({ created: 0, updated: 1, unchanged: 15, removed: 0 });
    expect(changed.relations).toEqual({ created: 0, updated: 0, unchanged: 17, removed: 1 });
    const { entity } = dataOf<{ entity: { description: string; time: { end: { iso: string } }; claims: Claim[] } }>(
      await graphql('{ entity(id: "dungan-revolt") { description time { end { iso } } claims { dataset time { start { iso } end { iso } } sources { quote } } } }'),
    );
    expect(entity.description).toBe('The Hui uprising of 1862, as the curators describe it.');
    // Curation's claim holds only what the curator changed: the dates stay the datasets'.
    expect(entity.claims.map((claim) => [claim.dataset, claim.time?.end?.iso])).toEqual([['curation', undefined], [SEED, '1877'], [FRONTIER, '1874']]);

    // Removing it takes away its claims and its own entities, and gives back exactly what was there before it.
    const [removed] = await unload(FRONTIER);
    expect(removed).toEqual({ dataset: FRONTIER, entities: { created: 0, updated: 0, unchanged: 0, removed: 16 }, relations: { created: 0, updated: 0, unchanged: 0, removed: 17 } });
    expect(await fullSnapshot(driver)).toEqual(seedAndCuration);
  });

  it("keeps a curated change to an entity both datasets define as the curator's alone: either dataset can still go", async () => {
    await load(SEED_DIR);
    await load(FRONTIER_DIR);
    await curate('treaty-of-tarbagatai-1864', { status: 'in force until 1881', aliases: ['Tarbagatai Protocol'] });
    const { entity: curated } = dataOf<{ entity: { status: string; aliases: string[]; claims: { dataset: string; name: string | null; aliases: string[]; sources: unknown[] }[] } }>(
      await graphql('{ entity(id: "treaty-of-tarbagatai-1864") { status aliases claims { dataset name aliases sources { quote } } } }'),
    );
    expect(curated.status).toBe('in force until 1881');
    expect(curated.aliases).toContain('Tarbagatai Protocol');
    expect(curated.claims[0]).toEqual({ dataset: 'curation', name: null, aliases: ['Tarbagatai Protocol'], sources: [] });

    await unload(FRONTIER);
    const { entity } = dataOf<{ entity: { name: string; status: string; aliases: string[]; datasets: string[] } }>(
      await graphql('{ entity(id: "treaty-of-tarbagatai-1864") { name status aliases datasets } }'),
    );
    expect(entity).toEqual({
      name: 'Treaty of Tarbagatai',
      status: 'in force until 1881',
      aliases: ['Treaty of Tarbagatay', 'Protocol of Tarbagatai', 'Treaty of Chuguchak', 'Protocol of Chuguchak', 'Tarbagatai Protocol'],
      datasets: ['curation', SEED],
    });
    // Without the seed too, the curated change would stand alone, with no name or quote: refused.
    await expect(unload(SEED)).rejects.toThrow(/"treaty-of-tarbagatai-1864" would rest on a curated change alone/);
    // With the curated dataset in the same removal, in either order, both go.
    await unload(SEED, 'curation');
    expect(await snapshot(driver)).toEqual({ nodes: 0, relations: 0, hashes: [] });
  });

  it('loads several folders in one transaction, in any order, to the same graph as one after the other', async () => {
    await load(SEED_DIR);
    await load(FRONTIER_DIR);
    const oneByOne = await fullSnapshot(driver);
    await emptyDatabase(driver);
    const reports = await loadDatasets(testExecutor(driver), [FRONTIER_DIR, SEED_DIR]);
    expect(reports.map((report) => [report.dataset, report.entities.created, report.relations.created])).toEqual([[FRONTIER, 16, 18], [SEED, 82, 165]]);
    expect(await fullSnapshot(driver)).toEqual(oneByOne);
  });

  it('lets a dataset in the same load take over what another gives up, in either order', async () => {
    const MEDIA = `- id: kyrgyz-media
  kind: Group
  category: media
  name: Kyrgyz media
  aliases: [Kirghiz media]
  description: The media of Kyrgyzstan, which highlight the unequal aspects of recent treaties with China.
  sources:
    - quote: "Kyrgyz media and locals have begun highlighting the unequal aspects of the recent treaties between China"

`;
    const TAKEN = 'kyrgyz-media--participated-in--kyrgyz-investment-protection-campaign';
    for (const order of ['giving up first', 'taking over first']) {
      await emptyDatabase(driver);
      await load(SEED_DIR);
      // The seed gives up the media and their one relation; a note defines both, in its own words.
      const seed = await copyOf(SEED_DIR);
      await edit(seed, 'entities.yaml', (text) => text.replace(MEDIA, ''));
      await edit(seed, 'relations.yaml', (text) => text.replace(/- type: PARTICIPATED_IN\n {2}from: kyrgyz-media\n[\s\S]*?\n\n/, ''));
      const note = await smallDataset('media-note', 'The Kyrgyz press took part in the campaign.', `- { id: kyrgyz-media, kind: Group, name: Kyrgyz press, description: The press of Kyrgyzstan., sources: [{ quote: "The Kyrgyz press" }] }\n`);
      await writeFile(path.join(note, 'relations.yaml'), `- { type: PARTICIPATED_IN, from: kyrgyz-media, to: kyrgyz-investment-protection-campaign, sources: [{ quote: "took part in the campaign" }] }\n`);

      const reports = await loadDatasets(testExecutor(driver), order === 'giving up first' ? [seed, note] : [note, seed]);
      const byDataset = new Map(reports.map((report) => [report.dataset, report]));
      expect(byDataset.get(SEED)?.entities.removed, order).toBe(1);
      expect(byDataset.get(SEED)?.relations.removed, order).toBe(1);
      expect(byDataset.get('media-note')?.relations.created, order).toBe(1);
      expect(await stored('kyrgyz-media'), order).toMatchObject({ name: 'Kyrgyz press', dataset: 'media-note', sourceQuotes: ['The Kyrgyz press'] });
      const { records } = await driver.executeQuery('MATCH ()-[r {id: $id}]->() RETURN r.dataset AS dataset, r.datasets AS datasets', { id: TAKEN }, { database: inject('neo4j').database });
      expect(records.map((record) => [record.get('dataset'), record.get('datasets')]), order).toEqual([['media-note', null]]);
    }
  });

  it('refuses to remove what another dataset still relates to or quotes, and writes nothing', async () => {
    await load(SEED_DIR);
    await load(FRONTIER_DIR);
    const before = await snapshot(driver);
    // The frontier dataset's ADJUSTS relation joins the seed's Russian–Qing border, which only the seed defines.
    const refusal = unload(SEED);
    await expect(refusal).rejects.toBeInstanceOf(LoadRefused);
    await expect(refusal).rejects.toThrow(/entity "russia-qing-border" would go, but relation "treaty-of-saint-petersburg-1881--adjusts--russia-qing-border" of "russia-qing-frontier" still joins it/);
    expect(await snapshot(driver)).toEqual(before);

    // A curated quote cites the frontier dataset's document: removing that dataset would leave it citing nothing.
    await curate('kyrgyzstan', { sources: [{ quote: 'fixed the line foreseen at Peking', sourceId: 'frontier-chronology' }] });
    const curated = await snapshot(driver);
    await expect(unload(FRONTIER)).rejects.toThrow(/document "frontier-chronology" would go, but "kyrgyzstan" still quotes it/);
    expect(await snapshot(driver)).toEqual(curated);
  });

  it('refuses a dataset that makes an entity of another dataset another kind, and writes nothing', async () => {
    await load(SEED_DIR);
    const before = await snapshot(driver);
    const dir = await smallDataset('kinds', 'Kyrgyzstan is a region.', `- id: kyrgyzstan\n  kind: Region\n  name: Kyrgyzstan\n  description: A region.\n  sources: [{ quote: "Kyrgyzstan is a region." }]\n`);
    const refusal = load(dir);
    await expect(refusal).rejects.toBeInstanceOf(FixtureError);
    await expect(refusal).rejects.toThrow(/entity "kyrgyzstan": kind: "china-kyrgyzstan-border" say it is a State, not a Region/);
    expect(await snapshot(driver)).toEqual(before);
  });
});
