import { asof } from './asof.ts';
import { heavy } from './heavy.ts';
import { ili } from './ili.ts';
import { path } from './path.ts';
import { search } from './search.ts';
import { timeline } from './timeline.ts';
import type { Question } from './types.ts';
import { walk } from './walk.ts';

/** Every benchmark question, the headline first. */
export const QUESTIONS: readonly Question[] = [ili, search, walk, path, timeline, heavy, asof];

/** The question behind the headline scale comparison (seed vs `--scale`). */
export const HEADLINE: Question = ili;

/** The question whose plans at scale show that as-of questions seek the time indexes. */
export const AS_OF_QUESTION: Question = asof;
