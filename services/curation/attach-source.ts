import type { CypherExecutor } from '../../cypher/executor.ts';
import type { EntityRow, RelationRow } from '../../cypher/rows.ts';
import { InvalidInput } from '../../model/errors.ts';
import { updateEntity } from './entities.ts';
import { withSource, type SourceQuoteInput } from './inputs.ts';
import { attachedAt } from './problems.ts';
import { updateRelation } from './relations.ts';
import type { Curator } from '../changes/record.ts';

export interface AttachSourceInput {
  readonly entityId?: string | number | null;
  readonly relationId?: string | number | null;
  readonly source: SourceQuoteInput;
}

export type Attached = { readonly entity: EntityRow; readonly relation: null } | { readonly entity: null; readonly relation: RelationRow };

/**
 * Adds one source quote to an entity or a relation (exactly one of the two), as an update that
 * appends it, so it is checked like every quote. Attaching a quote it already has changes nothing.
 */
export async function attachSource(executor: CypherExecutor, input: AttachSourceInput, editor: string): Promise<Attached> {
  const { entityId, relationId, source } = input;
  const curator: Curator = { editor, kind: 'attachSource' };
  if (entityId != null && relationId == null) {
    const target = { id: String(entityId), path: ['input', 'entityId'] };
    const entity = await updateEntity(executor, target, (current) => ({
      draft: withSource(current, source),
      locate: attachedAt(current.sources?.length ?? 0, 'entityId'),
    }), curator);
    return { entity, relation: null };
  }
  if (relationId != null && entityId == null) {
    const target = { id: String(relationId), path: ['input', 'relationId'] };
    const relation = await updateRelation(executor, target, (current) => ({
      draft: withSource(current, source),
      locate: attachedAt(current.sources?.length ?? 0, 'relationId'),
    }), curator);
    return { entity: null, relation };
  }
  throw new InvalidInput([{ path: ['input'], message: 'give exactly one of `entityId` and `relationId`' }]);
}
