import { heavy } from './heavy.ts';
import { ili } from './ili.ts';
import { path } from './path.ts';
import { search } from './search.ts';
import { timeline } from './timeline.ts';
import type { Question } from './types.ts';
import { walk } from './walk.ts';

/** Every benchmark question, the headline first. */
export const QUESTIONS: readonly Question[] = [ili, search, walk, path, timeline, heavy];

/** The question behind the headline scale comparison (seed vs `--scale`). */
export const HEADLINE: Question = ili;
