import type { EntityFixture, RelationFixture } from '../../model/fixture-schema.ts';
import type { EntityKind } from '../../model/kinds.ts';
import { relationAllowed, type RelationType } from '../../model/relations.ts';
import type { Random } from '../prng.ts';
import type { SyntheticDocument } from './document.ts';
import type { GeneratedKind, Naming } from './names.ts';

export type TimeSpanFixture = NonNullable<EntityFixture['time']>;

export interface RelationExtras {
  readonly role?: string;
  readonly effect?: string;
  readonly effectFrom?: string;
  readonly effectTo?: string;
  readonly time?: TimeSpanFixture;
}

/**
 * Collects entities and relations as the loader's fixtures would hold them. It refuses what the
 * model forbids (a kind pair its allow-list does not allow) as a bug in the generator, and skips
 * a second relation of one type between the same pair, which the dataset could only hold with a `key`.
 */
export class DatasetBuilder {
  readonly entities: EntityFixture[] = [];
  readonly relations: RelationFixture[] = [];
  readonly #kinds = new Map<string, EntityKind>();
  readonly #times = new Map<string, TimeSpanFixture>();
  readonly #relationKeys = new Set<string>();

  constructor(
    private readonly random: Random,
    private readonly document: SyntheticDocument,
    documentId: string,
  ) {
    this.#kinds.set(documentId, 'Source');
  }

  entity(kind: GeneratedKind, id: string, naming: Naming, time?: TimeSpanFixture): string {
    this.#kinds.set(id, kind);
    if (time) this.#times.set(id, time);
    this.entities.push({
      id,
      kind,
      name: naming.name,
      aliases: naming.alias ? [naming.alias] : [],
      description: `A synthetic ${kind.toLowerCase()} generated for the benchmark.`,
      ...(naming.category ? { category: naming.category } : {}),
      ...(time ? { time } : {}),
      quantities: [],
      sources: [{ quote: this.#quote(this.document.entityQuotes.get(kind)) }],
    });
    return id;
  }

  /** The time span an entity was given, for relations that take their date from it (a signature, a leadership). */
  timeOf(id: string): TimeSpanFixture | undefined {
    return this.#times.get(id);
  }

  /** Adds the relation unless the same type already joins the pair; says whether it was added. */
  relate(type: RelationType, from: string, to: string, extras: RelationExtras = {}): boolean {
    const fromKind = this.#kinds.get(from);
    const toKind = this.#kinds.get(to);
    if (!fromKind || !toKind) throw new Error(`synthetic: relation ${type} between unknown ids ${from} -> ${to}`);
    if (!relationAllowed(type, fromKind, toKind)) throw new Error(`synthetic: ${type} may not join a ${fromKind} to a ${toKind}`);
    const key = `${from}|${type}|${to}`;
    if (from === to || this.#relationKeys.has(key)) return false;
    this.#relationKeys.add(key);
    this.relations.push({ type, from, to, ...extras, sources: [{ quote: this.#quote(this.document.relationQuotes.get(type)) }] });
    return true;
  }

  #quote(quotes: readonly string[] | undefined): string {
    if (!quotes || quotes.length === 0) throw new Error('synthetic: no quotes for this kind or type');
    return this.random.pick(quotes);
  }
}
