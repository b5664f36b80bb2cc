import { refParams } from '../../cypher/entities.ts';
import { snapshotAround, type SnapshotEntryRow, type SnapshotRow } from '../../cypher/snapshot.ts';
import { checkRefLength } from '../arguments.ts';
import { builder } from '../builder.ts';
import { nullWhen } from '../root-fields.ts';
import { ErrorCode, clientError } from '../errors.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pages.ts';
import { readWithRefs } from '../resolve-ref.ts';
import { HeldEnum, asOfParams, heldOf, requiredAsOfArgs } from '../types/as-of.ts';
import { EntityRef } from '../types/entity-ref.ts';
import { Relation } from '../types/relation.ts';

const SnapshotEntry = builder.objectRef<SnapshotEntryRow>('SnapshotEntry').implement({
  description: 'An entity in the state of things at a date, with how sure it is that it held then.',
  fields: (t) => ({
    node: t.field({ type: EntityRef, description: 'The entity.', resolve: (entry) => entry.node }),
    relation: t.field({
      type: Relation,
      nullable: true,
      description: 'The relation that ties it to the area (for a place it lay within, the last step of the containment); null for the entity itself.',
      resolve: (entry) => entry.relation,
    }),
    held: t.field({
      type: HeldEnum,
      description: 'Whether it held then certainly or possibly, or is undated: the weakest of the fact the entry states and what it depends on.',
      resolve: (entry) => heldOf(entry.held) ?? 'UNDATED',
    }),
  }),
});

type SnapshotShape = SnapshotRow & { readonly asOf: string; readonly entity: NonNullable<SnapshotRow['entity']> };

/** The lists of a snapshot, each a field of the same name. */
const SECTIONS: Record<'within' | 'controlledBy' | 'borders' | 'treaties' | 'polities', string> = {
  within: 'The places it lay within then (WITHIN), or the union it was a constituent of and the border it was a section of (PART_OF), nearest first, through every level.',
  controlledBy: 'The polities that controlled it, or a place it lay within, or expanded into them (CONTROLLED, EXPANDED_INTO), earliest first.',
  borders: 'The borders in force then that separated it, met it at a tripoint, divided it, ran through it or were crossed by it, or did so to a place it lay within.',
  treaties: 'The treaties in force then that had acted on it or on anything within it, as `treaties(affecting:)` finds them, earliest first.',
  polities:
    "The states and empires that existed then among: itself, the places it lay within, those that controlled them and those on either side of its borders (each polity's own time span counts: the Kirghiz SSR did not exist in 1881).",
};

const Snapshot = builder.objectRef<SnapshotShape>('Snapshot').implement({
  description: 'The state of things around one entity at a date: what contained and controlled it, the borders and treaties in force, the polities that existed.',
  fields: (t) => ({
    asOf: t.exposeString('asOf', { description: 'The date asked about, as given.' }),
    entity: t.field({ type: EntityRef, description: 'The entity it is around.', resolve: (row) => row.entity }),
    held: t.field({
      type: HeldEnum,
      nullable: true,
      description: 'Whether the entity itself existed (happened, was in force) then, by its own time span; null when its dates rule that out, and then so is everything that depends on it.',
      resolve: (row) => heldOf(row.held),
    }),
    ...Object.fromEntries(
      (Object.keys(SECTIONS) as (keyof typeof SECTIONS)[]).map((name) => [
        name,
        t.field({ type: [SnapshotEntry], description: `${SECTIONS[name]} At most \`first\`.`, resolve: (row): readonly SnapshotEntryRow[] => row[name] }),
      ]),
    ),
  }),
});

builder.queryFields((t) => ({
  snapshot: t.field({
    type: Snapshot,
    nullable: true,
    description:
      'The state of things at a date around an entity or area, in one round-trip: who contained and controlled it, which borders and treaties were in force, which polities existed. Every entry says how sure it is (`held`); `certainty` and `undated` decide which count.' +
      nullWhen('`around` names nothing (NOT_FOUND) or several things (AMBIGUOUS), or `asOf` or `first` is refused (BAD_USER_INPUT)'),
    args: {
      around: t.arg.id({ required: true, description: 'An id (or name, or alias) of the entity or area, e.g. "Ili basin".' }),
      ...requiredAsOfArgs(t.arg),
      first: t.arg.int({ defaultValue: DEFAULT_PAGE_SIZE, description: `The most entries each list holds: 0 to ${MAX_PAGE_SIZE}.` }),
    },
    resolve: async function resolveSnapshot(_root, args, context) {
      const first = args.first ?? DEFAULT_PAGE_SIZE;
      if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
        throw clientError(ErrorCode.BadUserInput, `\`first\` must be between 0 and ${MAX_PAGE_SIZE}; got ${first}.`, { argument: 'first' });
      }
      const asOf = asOfParams(args);
      const around = { ref: checkRefLength(String(args.around), 'around'), argument: 'around' };
      const row = await readWithRefs(
        context,
        [around],
        async ([ref = '']) => {
          const [found] = await context.executor.read(snapshotAround, { around: refParams(ref), first, slim: false, ends: true, ...asOf });
          if (!found) throw new Error('snapshot query returned no row');
          return found;
        },
        (found) => [{ matches: found.aroundMatches, used: found.around }],
      );
      if (!row.entity) throw new Error('snapshot: the entity it settled on was not read');
      return { ...row, entity: row.entity, asOf: args.asOf };
    },
  }),
}));
