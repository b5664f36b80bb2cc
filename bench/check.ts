import { isDeepStrictEqual } from 'node:util';
import { SERVER_NAMES, type Question, type ServerName } from './questions/types.ts';
import { send, type ServerRequests } from './requests.ts';

/** The body each server gave, byte for byte: the load generator then expects exactly that. */
export type ExpectedBodies = Readonly<Record<ServerName, string>>;

export class AnswerMismatch extends Error {}

/**
 * Asks every server the question and fails loudly unless all three answers, reduced to the
 * canonical form, are equal, and none is an error or empty. A benchmark of different answers
 * measures nothing.
 */
export async function checkAnswers(question: Question, requests: ServerRequests, origins: Readonly<Record<ServerName, string>>): Promise<ExpectedBodies> {
  const answers = await Promise.all(SERVER_NAMES.map((server) => answerOf(question, server, origins[server], requests)));
  const bodies = Object.fromEntries(answers.map((answer) => [answer.server, answer.body])) as Record<ServerName, string>;
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
async function answerOf(question: Question, server: ServerName, origin: string, requests: ServerRequests) {
  // The first answer pays for planning and a cold cache; on a big dataset that can exceed the
  // transaction timeout (the peer's widest query does), which is no wrong answer. Check the second.
  await send(origin, requests[server]);
  const { status, text } = await send(origin, requests[server]);
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
