// Every entity has one id across all datasets; the constraint is also the index behind id lookups.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
