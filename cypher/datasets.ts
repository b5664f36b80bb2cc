import { cypher } from './query.ts';

/** Which datasets are loaded, and what they were loaded as (each dataset's claims: cypher/claims.ts). */

/** Every dataset anything is claimed for, and every loaded one: each loaded dataset has a document at least. */
export const datasetIds = cypher<Record<string, never>, { id: string }>(
  'datasets.ids',
  `CALL () {
     MATCH (d:Dataset) RETURN d.id AS id
     UNION
     MATCH (e:Entity) RETURN DISTINCT e.dataset AS id
     UNION
     MATCH (c:Claim) RETURN DISTINCT c.dataset AS id
     UNION
     MATCH (a)-[r]->() WHERE NOT a:Staged RETURN DISTINCT r.dataset AS id
   }
   WITH id WHERE id IS NOT NULL
   RETURN id ORDER BY id`,
);

/** The name and description a dataset was loaded with; none for curation, or for one loaded before they were kept. */
export const datasetAbout = cypher<{ id: string }, { name: string; description: string }>(
  'datasets.about',
  `MATCH (d:Dataset {id: $id}) RETURN d.name AS name, d.description AS description`,
);
