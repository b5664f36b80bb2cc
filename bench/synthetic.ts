import { MAX_PATHS } from '../cypher/path.ts';
import type { DatasetFixture } from '../model/fixture-schema.ts';
import type { ParsedDataset } from '../services/ingest/read-dataset.ts';
import { seededRandom } from './prng.ts';
import { PATH_MAX_HOPS } from './questions/statements.ts';
import { DatasetBuilder } from './synthetic/builder.ts';
import { CLUSTER_SIZE, clusterEntities, compositionOf, EntityNumbering, type Cluster } from './synthetic/clusters.ts';
import { syntheticDocument } from './synthetic/document.ts';
import { pathPair, type PathPair } from './synthetic/landmarks.ts';
import { GENERATED_KINDS, type GeneratedKind } from './synthetic/names.ts';
import { clusterRelations, fillerRelation } from './synthetic/relations.ts';

/**
 * A synthetic dataset of the seed's shape at any size, as the loader takes it in memory
 * (`loadParsedDataset`), so the benchmark measures the real loader and the real validation.
 * Same options, same dataset, byte for byte: everything random comes from one seeded generator.
 */
export interface SyntheticOptions {
  /** Entities wanted; rounded to whole clusters of 100 (at least one). */
  readonly entities: number;
  readonly relationsPerEntity?: number;
  readonly seed?: number;
}

/** Entities the benchmark questions start from, chosen by the generator so every scale has them. */
export interface Landmarks {
  /** A state whose treaties, their parties and the parties' other treaties make the three-level walk. */
  readonly party: string;
  /** An entity whose timeline is paged. */
  readonly timeline: string;
  /** A misspelt name, as "Irkestam" is of the Irkeshtam Pass: fuzzy search must find it and its look-alikes. */
  readonly search: string;
  readonly path: PathPair;
}

export interface SyntheticDataset {
  readonly parsed: ParsedDataset;
  readonly landmarks: Landmarks;
}

export const SYNTHETIC_DATASET_ID = 'synthetic';
const DOCUMENT_ID = 'synthetic-record';
const DEFAULT_SEED = 0x7135_4a11;

export function generateSynthetic(options: SyntheticOptions): SyntheticDataset {
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const clusterCount = Math.max(1, Math.round(options.entities / CLUSTER_SIZE));
  const document = syntheticDocument();
  const builder = new DatasetBuilder(random, document, DOCUMENT_ID);
  const numbering = new EntityNumbering(kindTotals(clusterCount));

  const clusters: Cluster[] = Array.from({ length: clusterCount }, (_, index) => clusterEntities(builder, numbering, random, index));
  clusters.forEach((cluster, index) => clusterRelations(builder, random, cluster, clusters[index - 1]));

  // Top up to the relation budget with common relations, round-robin over clusters; every
  // attempt is bounded, since a small cluster can run out of new pairs.
  const budget = Math.round(builder.entities.length * (options.relationsPerEntity ?? 5));
  for (let attempt = 0; builder.relations.length < budget && attempt < budget * 4; attempt += 1) {
    const cluster = clusters[attempt % clusterCount];
    if (cluster) fillerRelation(builder, random, cluster);
  }

  const [first] = clusters;
  const party = first?.states[0];
  const traveller = first?.persons[0];
  const pass = builder.entities.find((entity) => entity.id === first?.passes[0]);
  if (!party || !traveller || !pass) throw new Error('synthetic: the first cluster has no state, person or pass');

  const dataset: DatasetFixture = {
    id: SYNTHETIC_DATASET_ID,
    name: 'Synthetic frontier',
    description: `A generated dataset of the seed's shape: ${clusterCount} frontier clusters of ${CLUSTER_SIZE} entities.`,
    documents: [{ id: DOCUMENT_ID, name: 'Synthetic frontier record', description: 'The generated sentences every synthetic fact quotes.', file: 'synthetic-record.txt', basis: 'background' }],
  };
  return {
    parsed: {
      dir: '(generated)',
      dataset,
      texts: new Map([[DOCUMENT_ID, document.text]]),
      entities: builder.entities,
      relations: builder.relations,
    },
    landmarks: {
      party,
      timeline: party,
      // "<Word> Pass": the word with a letter dropped, as "Irkestam" is "Irkeshtam" without its h.
      search: misspelt(pass.name.split(' ')[0] ?? pass.name),
      path: pathPair(builder.relations, traveller, PATH_MAX_HOPS, MAX_PATHS),
    },
  };
}

/** The word without its middle letter: one edit away, like "Irkestam" from "Irkeshtam". */
function misspelt(word: string): string {
  const middle = Math.floor(word.length / 2);
  return word.slice(0, middle) + word.slice(middle + 1);
}

function kindTotals(clusterCount: number): Record<GeneratedKind, number> {
  const totals = Object.fromEntries(GENERATED_KINDS.map((kind) => [kind, 0])) as Record<GeneratedKind, number>;
  for (let cluster = 0; cluster < clusterCount; cluster += 1) {
    for (const [kind, count] of Object.entries(compositionOf(cluster)) as [GeneratedKind, number][]) totals[kind] += count;
  }
  return totals;
}
