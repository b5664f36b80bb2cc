import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { SEED_DIR } from '../support/database.ts';

/** The seed's relations read straight from its files: what the pictures should show, known without the API. */
const relations = parse(await readFile(`${SEED_DIR}/relations.yaml`, 'utf8')) as { from: string; to: string }[];

export function neighboursInSeed(id: string): Set<string> {
  const neighbours = new Set<string>();
  for (const { from, to } of relations) {
    if (from === id) neighbours.add(to);
    if (to === id) neighbours.add(from);
  }
  return neighbours;
}

/** The entity, its neighbours and theirs. */
export function twoHopsInSeed(id: string): Set<string> {
  const reached = new Set([id, ...neighboursInSeed(id)]);
  for (const neighbour of neighboursInSeed(id)) for (const next of neighboursInSeed(neighbour)) reached.add(next);
  return reached;
}
