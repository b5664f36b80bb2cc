import { counts } from '../../cypher/stats.ts';
import type { EntityKind } from '../../model/kinds.ts';
import type { RelationType } from '../../model/relations.ts';
import { builder } from '../builder.ts';
import { nullWhen } from '../root-fields.ts';
import { EntityKindEnum } from '../types/entity.ts';
import { RelationTypeEnum } from '../types/relation.ts';

interface StatsShape {
  readonly entities: { kind: EntityKind; count: number }[];
  readonly relations: { type: RelationType; count: number }[];
}

const KindCount = builder.objectRef<StatsShape['entities'][number]>('KindCount').implement({
  description: 'How many entities of one kind there are.',
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, description: 'The kind.', resolve: (c) => c.kind }),
    count: t.exposeInt('count', { description: 'How many.' }),
  }),
});

const RelationTypeCount = builder.objectRef<StatsShape['relations'][number]>('RelationTypeCount').implement({
  description: 'How many relations of one type there are.',
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, description: 'The type.', resolve: (c) => c.type }),
    count: t.exposeInt('count', { description: 'How many.' }),
  }),
});

const Stats = builder.objectRef<StatsShape>('Stats').implement({
  description: 'The size of the knowledge graph.',
  fields: (t) => ({
    entityCount: t.int({ description: 'All entities.', resolve: (s) => s.entities.reduce((sum, c) => sum + c.count, 0) }),
    relationCount: t.int({ description: 'All relations.', resolve: (s) => s.relations.reduce((sum, c) => sum + c.count, 0) }),
    entities: t.field({ type: [KindCount], description: 'Entities by kind.', resolve: (s) => s.entities }),
    relations: t.field({ type: [RelationTypeCount], description: 'Relations by type.', resolve: (s) => s.relations }),
  }),
});

builder.queryFields((t) => ({
  stats: t.field({
    type: Stats,
    nullable: true,
    description: `Counts of entities by kind and of relations by type.${nullWhen()}`,
    resolve: async function resolveStats(_root, _args, { executor }) {
      const [row] = await executor.read(counts, {});
      return { entities: (row?.entities ?? []) as StatsShape['entities'], relations: (row?.relations ?? []) as StatsShape['relations'] };
    },
  }),
}));
