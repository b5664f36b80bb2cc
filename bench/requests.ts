import { CONTENDERS, type AskedQuestion, type Contender, type Question, type VariantName } from './questions/types.ts';

/** An HTTP request exactly as sent to a server, by the answer check and by the load generator alike. */
export interface BenchRequest {
  readonly path: string;
  readonly body: string;
}

/** One question's request for each contender that is asked it (`peer-tuned` only where the peer has a tuned form). */
export type ContenderRequests = Readonly<Partial<Record<Contender, BenchRequest>>>;

/** Ours and the peer take GraphQL at /graphql; the ceiling takes the parameters at /q/<question>; variants of ours are asked as ours is. */
export function requestsFor(question: Question, asked: AskedQuestion, variants: readonly VariantName[] = []): ContenderRequests {
  const ours = { path: '/graphql', body: JSON.stringify(asked.ours) };
  return {
    ours,
    ...Object.fromEntries(variants.map((variant) => [variant, ours])),
    ceiling: { path: `/q/${question.id}`, body: JSON.stringify(asked.ceiling) },
    peer: { path: '/graphql', body: JSON.stringify(asked.peer) },
    ...(asked.peerTuned ? { 'peer-tuned': { path: '/graphql', body: JSON.stringify(asked.peerTuned) } } : {}),
  };
}

export function isVariant(contender: Contender): contender is VariantName {
  return contender.startsWith('ours@');
}

/** The contenders a question is asked of, in the order of CONTENDERS, then the variants of ours in the order given. */
export function contendersOf(requests: ContenderRequests): Contender[] {
  const variants = Object.keys(requests).filter((key): key is VariantName => isVariant(key as Contender));
  return [...CONTENDERS.filter((contender) => requests[contender] !== undefined), ...variants];
}

/** The requests without the contenders named: variants left out of a question. */
export function without(requests: ContenderRequests, left: readonly Contender[]): ContenderRequests {
  return Object.fromEntries(Object.entries(requests).filter(([contender]) => !left.includes(contender as Contender)));
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
