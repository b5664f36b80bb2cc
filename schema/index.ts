import { builder } from './builder.ts';
// Each module registers its types and root fields with the builder when imported.
import './types/entity.ts';
import './types/border.ts';
import './types/empire.ts';
import './types/event.ts';
import './types/group.ts';
import './types/organisation.ts';
import './types/pass.ts';
import './types/policy.ts';
import './types/person.ts';
import './types/region.ts';
import './types/source.ts';
import './types/state.ts';
import './types/treaty.ts';
import './queries/node.ts';
import './queries/entities.ts';
import './queries/treaties.ts';
import './queries/search.ts';
import './queries/timeline.ts';
import './queries/path.ts';
import './queries/snapshot.ts';
import './queries/stats.ts';
import './queries/rate-limit.ts';
import './mutations/entities.ts';
import './mutations/relations.ts';
import './mutations/attach-source.ts';

export const schema = builder.toSchema({ sortSchema: false });
