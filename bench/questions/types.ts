import type { z } from 'zod';
import type { Landmarks } from '../synthetic.ts';

/** The three servers the benchmark compares. */
export const SERVER_NAMES = ['ours', 'ceiling', 'peer'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export const QUESTION_IDS = ['ili', 'search', 'walk', 'path', 'timeline', 'heavy', 'asof'] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

/** A GraphQL request as ours and the peer take it. */
export interface GraphQLRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** One question, asked the way each server asks it, with the variables of one dataset. */
export interface AskedQuestion {
  readonly ours: GraphQLRequest;
  readonly peer: GraphQLRequest;
  /** Parameters of the ceiling's one Cypher statement. */
  readonly ceiling: Record<string, unknown>;
}

/**
 * A benchmark question: what it asks, how deep it goes, the ceiling's one hand-written Cypher
 * statement (returning, as a column `data`, the JSON ours returns), and how each server's answer
 * reduces to one canonical form, so that equal answers compare equal.
 */
export interface Question {
  readonly id: QuestionId;
  readonly title: string;
  /** Levels of nested lists in the question: ours should need at most depth + 1 round-trips. */
  readonly depth: number;
  readonly ceilingCypher: string;
  ask(landmarks: Landmarks): AskedQuestion;
  /** The canonical answer in a server's response body; throws when the body is not the expected shape. */
  canonical(server: ServerName, body: unknown): unknown;
}

export interface QuestionSpec<OursBody, PeerBody> extends Omit<Question, 'canonical'> {
  /** The body of ours, and of the ceiling, which answers in the same shape. */
  readonly oursBody: z.ZodType<OursBody>;
  readonly peerBody: z.ZodType<PeerBody>;
  fromOurs(body: OursBody): unknown;
  fromPeer(body: PeerBody): unknown;
}

export function defineQuestion<OursBody, PeerBody>(spec: QuestionSpec<OursBody, PeerBody>): Question {
  const { oursBody, peerBody, fromOurs, fromPeer, ...question } = spec;
  return {
    ...question,
    canonical: (server, body) => (server === 'peer' ? fromPeer(peerBody.parse(body)) : fromOurs(oursBody.parse(body))),
  };
}

/** Sorted copy, for lists whose order the question does not fix (paths, relations of a node). */
export function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
