import type { z } from 'zod';
import type { Landmarks } from '../synthetic.ts';

/** The three servers the benchmark compares, each its own process. */
export const SERVER_NAMES = ['ours', 'ceiling', 'peer'] as const;
/** Another build of ours (`--variant label=dir`), asked exactly what ours is asked: `ours@<label>`. */
export type VariantName = `ours@${string}`;
export type ServerName = (typeof SERVER_NAMES)[number] | VariantName;

/**
 * What is measured: each server as it is asked every question, and the peer asked a tuned form of
 * a question where its users would tune one (`peer-tuned`, served by the peer's process).
 */
export const CONTENDERS = ['ours', 'ceiling', 'peer', 'peer-tuned'] as const;
export type Contender = (typeof CONTENDERS)[number] | VariantName;

/** The process that answers a contender: the peer's own for its tuned form, each other contender's own. */
export function serverOf(contender: Contender): ServerName {
  return contender === 'peer-tuned' ? 'peer' : contender;
}

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
  /** The peer asked as a user who tuned it would ask (a `@cypher` field), where that differs. */
  readonly peerTuned?: GraphQLRequest;
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
  /**
   * When the ceiling's statement streams flat rows rather than one `data` value: builds the answer
   * from them, as a hand-written endpoint would.
   */
  readonly ceilingAnswer?: (rows: readonly Readonly<Record<string, unknown>>[]) => unknown;
  ask(landmarks: Landmarks): AskedQuestion;
  /** The canonical answer in a server's response body; throws when the body is not the expected shape. */
  canonical(contender: Contender, body: unknown): unknown;
}

/** How the peer's tuned answer reads. */
export interface TunedSpec<TunedBody> {
  readonly body: z.ZodType<TunedBody>;
  from(body: TunedBody): unknown;
}

export interface QuestionSpec<OursBody, PeerBody, TunedBody> extends Omit<Question, 'canonical'> {
  /** The body of ours, and of the ceiling, which answers in the same shape. */
  readonly oursBody: z.ZodType<OursBody>;
  readonly peerBody: z.ZodType<PeerBody>;
  fromOurs(body: OursBody): unknown;
  fromPeer(body: PeerBody): unknown;
  /** Required when `ask` gives `peerTuned`. */
  readonly peerTuned?: TunedSpec<TunedBody>;
}

export function defineQuestion<OursBody, PeerBody, TunedBody = never>(spec: QuestionSpec<OursBody, PeerBody, TunedBody>): Question {
  const { oursBody, peerBody, fromOurs, fromPeer, peerTuned, ...question } = spec;
  const canonical = (contender: Contender, body: unknown): unknown => {
    switch (contender) {
      case 'peer':
        return fromPeer(peerBody.parse(body));
      case 'peer-tuned':
        if (!peerTuned) throw new Error(`${spec.id}: the peer has no tuned form of this question`);
        return peerTuned.from(peerTuned.body.parse(body));
      default:
        return fromOurs(oursBody.parse(body));
    }
  };
  return { ...question, canonical };
}

/** Sorted copy, for lists whose order the question does not fix (paths, relations of a node). */
export function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
