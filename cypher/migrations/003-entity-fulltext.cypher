// Search and name resolution: names, aliases (joined into one text) and descriptions.
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliasText, e.description];
