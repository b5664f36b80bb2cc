import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../../server/config.ts';
import { NEO4J_IMAGE } from '../../server/neo4j/container.ts';

interface Service {
  image?: string;
  restart?: string;
  build?: unknown;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[]; interval?: string; retries?: number };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(await readFile('docker-compose.yml', 'utf8')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const dockerfile = await readFile('Dockerfile', 'utf8');
const { neo4j, server } = compose.services as { neo4j: Service; server: Service };

/** `docker compose up` cannot run on machines without Docker; this keeps the files true to the code. */
describe('docker-compose.yml and the Dockerfile', () => {
  it('run the same Neo4j image as the tests, with a healthcheck and a volume', () => {
    expect(neo4j.image).toBe(NEO4J_IMAGE);
    expect(neo4j.healthcheck?.test.join(' ')).toMatch(/cypher-shell/);
    const volume = neo4j.volumes?.[0]?.split(':');
    expect(volume?.[1]).toBe('/data');
    expect(Object.keys(compose.volumes)).toContain(volume?.[0]);
  });

  it('wire the server to Neo4j with variables the configuration accepts', () => {
    const environment = server.environment ?? {};
    for (const key of Object.keys(environment)) expect(CONFIG_KEYS).toContain(key);
    const config = loadConfig(environment);
    const bolt = new URL(config.NEO4J_URI ?? '');
    expect(bolt.hostname).toBe('neo4j');
    expect(neo4j.ports).toContain(`${bolt.port}:${bolt.port}`);
    expect(neo4j.environment?.NEO4J_AUTH).toBe(`${config.NEO4J_USER}/${config.NEO4J_PASSWORD}`);
    expect(config.HOST).toBe('0.0.0.0');
    expect(server.depends_on?.neo4j?.condition).toBe('service_healthy');
  });

  it('publish the port the server listens on', () => {
    const config = loadConfig(server.environment ?? {});
    expect(server.ports).toContain(`${config.PORT}:${config.PORT}`);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${config.PORT}$`, 'm'));
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "server\/main\.ts"\]$/m);
  });

  it('restart both services when they exit, so an outer supervisor takes over when the server gives up', () => {
    for (const service of [neo4j, server]) expect(['always', 'unless-stopped']).toContain(service.restart);
  });

  it("check the server's health on /ready with a command that works in the image", async () => {
    const test = server.healthcheck?.test ?? [];
    // Exec form: no shell in the image is needed, and no `$` for compose to take for a variable.
    expect(test.slice(0, 2)).toEqual(['CMD', 'node']);
    expect(test.join(' ')).not.toContain('$');
    // It asks the port the service is given.
    expect(server.environment).toHaveProperty('PORT');
    // The command itself, against a server that lives (/health 200) but is not ready, and then is.
    let ready = false;
    const probe = createServer((request, response) => {
      response.statusCode = request.url === '/health' || (request.url === '/ready' && ready) ? 200 : 503;
      response.end();
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const { port } = probe.address() as AddressInfo;
    const healthcheck = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, test.slice(2), { env: { PORT: String(port) }, stdio: 'ignore' });
        child.once('exit', (code) => resolve(code));
      });
    try {
      expect(await healthcheck()).toBe(1);
      ready = true;
      expect(await healthcheck()).toBe(0);
    } finally {
      await new Promise<void>((resolve) => probe.close(() => resolve()));
    }
  });

  it('copy every folder the server needs at run time', () => {
    // The layers a request passes through (README's code map), the seed and the pages' sources.
    for (const folder of ['server', 'schema', 'services', 'cypher', 'model', 'fixtures', 'explorer']) {
      expect(dockerfile).toMatch(new RegExp(`^COPY ${folder} ${folder}$`, 'm'));
    }
    // The pages are built in the image, from node_modules: nothing is fetched when they are served.
    expect(dockerfile).toMatch(/^RUN npm run build:web$/m);
  });
});
