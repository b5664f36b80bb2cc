import type { AskedQuestion, Question, ServerName } from './questions/types.ts';

/** An HTTP request exactly as sent to a server, by the answer check and by the load generator alike. */
export interface BenchRequest {
  readonly path: string;
  readonly body: string;
}

export type ServerRequests = Readonly<Record<ServerName, BenchRequest>>;

/** Ours and the peer take GraphQL at /graphql; the ceiling takes the parameters at /q/<question>. */
export function requestsFor(question: Question, asked: AskedQuestion): ServerRequests {
  return {
    ours: { path: '/graphql', body: JSON.stringify(asked.ours) },
    ceiling: { path: `/q/${question.id}`, body: JSON.stringify(asked.ceiling) },
    peer: { path: '/graphql', body: JSON.stringify(asked.peer) },
  };
}

/** A fresh object each time: autocannon and Yoga's fetch both add headers to the object they are given. */
export function jsonHeaders(): Record<string, string> {
  return { 'content-type': 'application/json', accept: 'application/json' };
}

/** Sends one request; returns the status and the body text. */
export async function send(origin: string, request: BenchRequest): Promise<{ status: number; text: string }> {
  const response = await fetch(`${origin}${request.path}`, { method: 'POST', headers: jsonHeaders(), body: request.body });
  return { status: response.status, text: await response.text() };
}
