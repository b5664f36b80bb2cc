import { isDeepStrictEqual } from 'node:util';
import { SERVER_OF, type Contender, type Question, type ServerName } from './questions/types.ts';
import { contendersOf, requestOf, send, type BenchRequest, type ContenderRequests } from './requests.ts';

/** The body each contender got, byte for byte: the load generator then expects exactly that. */
export type ExpectedBodies = Readonly<Partial<Record<Contender, string>>>;

export class AnswerMismatch extends Error {}

/**
 * Asks every contender the question and fails loudly unless all answers, reduced to the
 * canonical form, are equal, and none is an error or empty. A benchmark of different answers
 * measures nothing.
 */
export async function checkAnswers(question: Question, requests: ContenderRequests, origins: Readonly<Record<ServerName, string>>): Promise<ExpectedBodies> {
  const answers = await Promise.all(contendersOf(requests).map((contender) => answerOf(question, contender, origins[SERVER_OF[contender]], requestOf(requests, contender))));
  const bodies: Partial<Record<Contender, string>> = Object.fromEntries(answers.map((answer) => [answer.server, answer.body]));
  const ours = answers.find((answer) => answer.server === 'ours');
  for (const answer of answers) {
    if (!isDeepStrictEqual(answer.canonical, ours?.canonical)) {
      throw new AnswerMismatch(
        `${question.id}: ${answer.server} and ours answer differently\n  ours:    ${JSON.stringify(ours?.canonical).slice(0, 2_000)}\n  ${answer.server}: ${JSON.stringify(answer.canonical).slice(0, 2_000)}`,
      );
    }
  }
  if (isEmpty(ours?.canonical)) throw new AnswerMismatch(`${question.id}: every server answered with nothing; the question tests nothing`);
  return bodies;
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
