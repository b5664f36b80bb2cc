import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { StartupError } from '../../server/errors.ts';

describe('configuration', () => {
  it('has working defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 4000, NEO4J_DATABASE: 'neo4j', LOAD_SEED: true, NEO4J_TX_TIMEOUT_MS: 5000 });
    expect(config.NEO4J_URI).toBeUndefined();
  });

  it('treats empty variables as unset and parses numbers and booleans', () => {
    const config = loadConfig({ NEO4J_URI: '', PORT: '8080', LOAD_SEED: 'false' });
    expect(config).toMatchObject({ PORT: 8080, LOAD_SEED: false });
    expect(config.NEO4J_URI).toBeUndefined();
  });

  it('lists every problem at once, in one StartupError', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://localhost:7474', NEO4J_EMBEDDED_HEAP: 'lots' });
    expect(attempt).toThrow(StartupError);
    expect(attempt).toThrow(/NEO4J_URI: a Bolt or Neo4j URI .+; NEO4J_EMBEDDED_HEAP: a JVM size .+; PORT: a port number from 0 to 65535/);
  });
});
