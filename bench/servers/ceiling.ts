import type { IncomingMessage, ServerResponse } from 'node:http';
import neo4j from 'neo4j-driver';
import { QUESTIONS } from '../questions/index.ts';
import type { Question, QuestionId } from '../questions/types.ts';
import type { ServerFactory } from './types.ts';

/**
 * The ceiling: what a hand-written endpoint costs. `POST /q/<question>` with the parameters as a
 * JSON object runs the question's ONE Cypher statement, which builds the answer ours would give,
 * and returns it as `{ "data": ... }`, or streams flat rows that the question builds the answer from
 * (`ceilingAnswer`). No GraphQL, no validation beyond the route.
 */
const STATEMENTS = new Map<string, Question>(QUESTIONS.map((question) => [question.id, question]));
const ROUTE = /^\/q\/([a-z]+)$/;
const MAX_BODY_BYTES = 64 * 1024;

export const ceilingServer: ServerFactory = async ({ driver, counters, database, timeoutMs }) => {
  async function answer(id: QuestionId | string, params: Record<string, unknown>): Promise<unknown> {
    const question = STATEMENTS.get(id);
    if (!question) return undefined;
    const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
    try {
      // Auto-commit, as ours reads: one network round-trip, where a managed transaction adds its COMMIT.
      const result = await session.run(question.ceilingCypher, withIntegers(params), { timeout: timeoutMs });
      return question.ceilingAnswer ? question.ceilingAnswer(result.records.map((record) => record.toObject())) : result.records[0]?.get('data');
    } finally {
      await session.close();
    }
  }

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    const id = request.method === 'POST' ? ROUTE.exec(request.url ?? '')?.[1] : undefined;
    if (!id || !STATEMENTS.has(id)) {
      response.writeHead(404).end();
      return;
    }
    readJson(request)
      .then((params) => answer(id, params))
      .then((data) => send(response, 200, { data }))
      .catch((error: unknown) => send(response, 500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
  };
  // One statement per request by construction; counted on the driver all the same.
  return { listener, roundTrips: () => counters.statements };
};

/** Whole numbers become Neo4j integers: `LIMIT $first` refuses the floats JavaScript numbers are sent as. */
function withIntegers(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Number.isInteger(value) ? neo4j.int(value as number) : value]));
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('parameters must be a JSON object');
        resolve(parsed as Record<string, unknown>);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
