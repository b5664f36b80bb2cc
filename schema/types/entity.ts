import type { Direction } from '../../cypher/relations.ts';
import { claimantsOf, ENTITY_FIELDS } from '../../model/claims.ts';
import { quantitiesOf, sourceQuotesOf, timeSpanOf } from '../../model/codec.ts';
import { ENTITY_KINDS, KIND_DESCRIPTIONS } from '../../model/kinds.ts';
import type { RelationType } from '../../model/relations.ts';
import { builder } from '../builder.ts';
import { enumValues } from '../enum-values.ts';
import type { OrderArgs, PageArgs } from '../pages.ts';
import { READS_ONLY_ID, readsOnlyIdentity } from '../projection.ts';
import { asOfArgs, asOfParams, type AsOfArgs } from './as-of.ts';
import { claimsOf, conflictsOf, EntityClaim, EntityFieldEnum } from './claims.ts';
import { pageArgs } from './connection.ts';
import { EntityRef, NodeRef } from './entity-ref.ts';
import { Quantity, SourceRef } from './provenance.ts';
import { RelationConnection, RelationDirection, RelationTypeEnum } from './relation.ts';
import { loadRelations, relationOrderArgs, relationWindow, type RelationsKeyOf } from './relation-field.ts';
import { TimeSpan } from './time-span.ts';

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'The kinds of entity; each is an object type implementing `Entity`.',
  values: enumValues(ENTITY_KINDS, (kind) => KIND_DESCRIPTIONS[kind]),
});

type AnyRelationsArgs = AsOfArgs & PageArgs & { types?: readonly RelationType[] | null; direction?: Direction | null; orderBy?: OrderArgs | null };

/** `Entity.relations` asks the loader for a client's own types, sent as a parameter (see cypher/relations.ts). */
const anyRelationsKey: RelationsKeyOf<AnyRelationsArgs> = (args, info) => {
  const { order, window } = relationWindow(args, info);
  const key = { types: args.types ?? [], direction: args.direction ?? 'BOTH', ...window, typesAsParameter: true, slim: readsOnlyIdentity(info), asOf: asOfParams(args) };
  return { order, key };
};

builder.interfaceType(NodeRef, {
  description: 'An object with a globally unique id that `node(id:)` fetches again (Relay), and that a normalised client cache keys by `__typename` and `id`.',
  // Entities say their kind; relations have none.
  resolveType: (row) => ('kind' in row ? row.kind : 'Relation'),
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'The globally unique, stable id: a readable slug such as "ili-valley" for an entity, its ends and type joined by "--" for a relation.',
    }),
  }),
});

builder.interfaceType(EntityRef, {
  description: 'Anything the knowledge graph holds a node for, with what every entity has: names, time span and sources.',
  interfaces: [NodeRef],
  resolveType: (row) => row.kind,
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, description: 'Which kind of entity this is.', resolve: (row) => row.kind }),
    name: t.exposeString('name', { description: 'The usual English name.' }),
    aliases: t.exposeStringList('aliases', { description: 'Other names and spellings (Kirghiz, Uygur, Irkestam…).' }),
    description: t.exposeString('description', { description: 'A short description.' }),
    category: t.exposeString('category', {
      nullable: true,
      description: 'A finer kind, e.g. "river basin", "valley" or "prefecture" for a region, "protocol" for a treaty.',
    }),
    status: t.exposeString('status', { nullable: true, description: 'A state the source reports: "planned", "undemarcated", "not recognised"…' }),
    time: t.field({ type: TimeSpan, nullable: true, description: 'When it existed, happened or was signed.', resolve: (row) => timeSpanOf(row) ?? null }),
    quantities: t.field({ type: [Quantity], description: 'Figures the sources give for it.', resolve: (row) => quantitiesOf(row) }),
    sources: t.field({ type: [SourceRef], description: 'The sentences it is taken from, from every dataset that defines it.', resolve: (row) => sourceQuotesOf(row) }),
    datasets: t.stringList({ description: 'The datasets that define it, in rank order: its name and each single value come from the first that states them.', resolve: (row) => claimantsOf(row) }),
    claims: t.field({
      type: [EntityClaim],
      description: 'What each dataset that defines it says, in the order of `datasets`; the fields above merge them (see the README, "Datasets").',
      resolve: (row, _args, context) => claimsOf(row, context),
    }),
    conflicts: t.field({
      type: [EntityFieldEnum],
      description: 'The fields on which those datasets disagree (empty when they agree, or one defines it): compare them in `claims`.',
      resolve: (row, _args, context) => conflictsOf(row, context, ENTITY_FIELDS),
    }),
    relations: t.field({
      type: RelationConnection,
      description: 'Every relation of this entity, of the given types (all if none) and direction: for exploring what no typed field names.',
      // Not read ahead by the planner (no RELATIONS_KEY): full pages of every relation of a list of entities, read in
      // one statement, came back as one value that cost more to decode than the round-trip saved (README, Performance).
      extensions: READS_ONLY_ID,
      args: {
        types: t.arg({ type: [RelationTypeEnum], description: 'Only relations of these types.' }),
        direction: t.arg({ type: RelationDirection, defaultValue: 'BOTH', description: 'Which way to follow them.' }),
        ...relationOrderArgs(t.arg),
        ...asOfArgs(t.arg),
        ...pageArgs(t.arg),
      },
      resolve: (row, args, { loaders }, info) => loadRelations(anyRelationsKey, row.id, args, loaders, info),
    }),
  }),
});
