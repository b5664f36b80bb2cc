import { isDeepStrictEqual } from 'node:util';
import { serverOf, type Contender, type Question, type ServerName, type VariantName } from './questions/types.ts';
import { contendersOf, isVariant, requestOf, send, type BenchRequest, type ContenderRequests } from './requests.ts';

/** The body each contender got, byte for byte: the load generator then expects exactly that. */
export type ExpectedBodies = Readonly<Partial<Record<Contender, string>>>;

export class AnswerMismatch extends Error {}

/** A variant of ours that cannot be asked a question today's ours answers (an argument it lacks, another answer): why. */
export interface NotComparable {
  readonly variant: VariantName;
  readonly reason: string;
}

export interface CheckedAnswers {
  readonly bodies: ExpectedBodies;
  /** Variants left out of this question's runs; only variants may be, any other difference fails the run. */
  readonly notComparable: readonly NotComparable[];
}

/**
 * Asks every contender the question and fails loudly unless all answers, reduced to the
 * canonical form, are equal, and none is an error or empty. A benchmark of different answers
 * measures nothing. A variant of ours (an older tree, another build) that errs or answers
 * otherwise is not compared on this question, and the report says why.
 */
export async function checkAnswers(question: Question, requests: ContenderRequests, origins: Readonly<Partial<Record<ServerName, string>>>): Promise<CheckedAnswers> {
  const answers = await Promise.all(
    contendersOf(requests).map(async (contender) => {
      const origin = origins[serverOf(contender)];
      if (origin === undefined) throw new Error(`${question.id}: no server runs ${contender}`);
      try {
        return await answerOf(question, contender, origin, requestOf(requests, contender));
      } catch (error) {
        if (error instanceof AnswerMismatch && isVariant(contender)) return { server: contender, failure: error.message };
        throw error;
      }
    }),
  );
  const ours = answers.find((answer) => answer.server === 'ours');
  if (!ours || !('canonical' in ours)) throw new Error(`${question.id}: ours was not asked`);
  const bodies: Partial<Record<Contender, string>> = {};
  const notComparable: NotComparable[] = [];
  for (const answer of answers) {
    if ('failure' in answer) {
      if (isVariant(answer.server)) notComparable.push({ variant: answer.server, reason: answer.failure });
      continue;
    }
    if (!isDeepStrictEqual(answer.canonical, ours.canonical)) {
      const message = `${question.id}: ${answer.server} and ours answer differently\n  ours:    ${JSON.stringify(ours.canonical).slice(0, 2_000)}\n  ${answer.server}: ${JSON.stringify(answer.canonical).slice(0, 2_000)}`;
      if (!isVariant(answer.server)) throw new AnswerMismatch(message);
      notComparable.push({ variant: answer.server, reason: `answers differently: ${JSON.stringify(answer.canonical).slice(0, 300)}` });
      continue;
    }
    bodies[answer.server] = answer.body;
  }
  if (isEmpty(ours.canonical)) throw new AnswerMismatch(`${question.id}: every server answered with nothing; the question tests nothing`);
  return { bodies, notComparable };
}

/** One server's answer, raw and canonical; the servers are asked side by side. */
async function answerOf(question: Question, server: Contender, origin: string, request: BenchRequest) {
  // The first answer pays for planning and a cold cache; on a big dataset that can exceed the
  // transaction timeout (the peer's widest query does), which is no wrong answer. Check the second.
  await send(origin, request);
  const { status, text } = await send(origin, request);
  const body: unknown = JSON.parse(text);
  if (status !== 200 || hasErrors(body)) throw new AnswerMismatch(`${question.id}: ${server} answered ${status}: ${text.slice(0, 1_000)}`);
  try {
    return { server, body: text, canonical: question.canonical(server, body) };
  } catch (error) {
    throw new AnswerMismatch(`${question.id}: ${server}'s answer is not the expected shape (${String(error)}): ${text.slice(0, 1_000)}`);
  }
}

function hasErrors(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'errors' in body;
}

/** An empty list, or an object whose lists are all empty (`{ total: 0, treaties: [] }`). */
function isEmpty(answer: unknown): boolean {
  if (Array.isArray(answer)) return answer.length === 0;
  if (typeof answer !== 'object' || answer === null) return false;
  const lists = Object.values(answer).filter(Array.isArray);
  return lists.length > 0 && lists.every((list) => list.length === 0);
}
