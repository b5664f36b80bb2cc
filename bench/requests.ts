import { CONTENDERS, type AskedQuestion, type Contender, type Question } from './questions/types.ts';

/** An HTTP request exactly as sent to a server, by the answer check and by the load generator alike. */
export interface BenchRequest {
  readonly path: string;
  readonly body: string;
}

/** One question's request for each contender that is asked it (`peer-tuned` only where the peer has a tuned form). */
export type ContenderRequests = Readonly<Partial<Record<Contender, BenchRequest>>>;

/** Ours and the peer take GraphQL at /graphql; the ceiling takes the parameters at /q/<question>. */
export function requestsFor(question: Question, asked: AskedQuestion): ContenderRequests {
  return {
    ours: { path: '/graphql', body: JSON.stringify(asked.ours) },
    ceiling: { path: `/q/${question.id}`, body: JSON.stringify(asked.ceiling) },
    peer: { path: '/graphql', body: JSON.stringify(asked.peer) },
    ...(asked.peerTuned ? { 'peer-tuned': { path: '/graphql', body: JSON.stringify(asked.peerTuned) } } : {}),
  };
}

/** The contenders a question is asked of, in the order of CONTENDERS. */
export function contendersOf(requests: ContenderRequests): Contender[] {
  return CONTENDERS.filter((contender) => requests[contender] !== undefined);
}

export function requestOf(requests: ContenderRequests, contender: Contender): BenchRequest {
  const request = requests[contender];
  if (!request) throw new Error(`${contender} is not asked this question`);
  return request;
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
