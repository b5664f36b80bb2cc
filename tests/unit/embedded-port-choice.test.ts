// Which Bolt port the embedded Neo4j asks for, from NEO4J_EMBEDDED_PORT as the configuration reads it.
// What happens on a taken port is tested on the real launcher (tests/integration/embedded-neo4j.test.ts).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { embeddedPortChoice } from '../../server/neo4j/acquire.ts';

const choiceFor = (env: NodeJS.ProcessEnv) => embeddedPortChoice(loadConfig(env).NEO4J_EMBEDDED_PORT);

describe('the embedded Neo4j Bolt port', () => {
  it('unset, is 7687, traded for a free one when another Neo4j has it', () => {
    expect(choiceFor({})).toEqual({ boltPort: 7687, ifBoltPortTaken: 'use-a-free-port' });
    // An empty value in a .env or compose file means unset too.
    expect(choiceFor({ NEO4J_EMBEDDED_PORT: '' })).toEqual({ boltPort: 7687, ifBoltPortTaken: 'use-a-free-port' });
  });

  it('set, is exactly that port, and a taken one is an error', () => {
    expect(choiceFor({ NEO4J_EMBEDDED_PORT: '7687' })).toEqual({ boltPort: 7687, ifBoltPortTaken: 'fail' });
    expect(choiceFor({ NEO4J_EMBEDDED_PORT: '17687' })).toEqual({ boltPort: 17687, ifBoltPortTaken: 'fail' });
  });

  it('set to 0, is any free port', () => {
    expect(choiceFor({ NEO4J_EMBEDDED_PORT: '0' })).toEqual({ boltPort: 0, ifBoltPortTaken: 'fail' });
  });
});
