/**
 * The domain's errors: what was asked breaks the model's rules, or names nothing. They are values
 * the layers above translate into their own terms: GraphQL error codes in schema/errors.ts, one
 * printed line for `npm run load`. Nothing here knows of GraphQL or HTTP.
 */

/** One thing wrong, at a path inside what was submitted (`["sources", 0, "quote"]`). */
export interface Problem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Input that breaks the model's rules, with every problem found; nothing was written. */
export class InvalidInput extends Error {
  override readonly name = 'InvalidInput';
  constructor(readonly problems: readonly Problem[]) {
    super(`Invalid input: ${problems.map(({ path, message }) => `\`${path.join('.')}\`: ${message}`).join('; ')}.`);
  }
}

/** What a change names does not exist; `problems` says which part of the input named it. */
export class NotFound extends Error {
  override readonly name = 'NotFound';
  readonly problems: readonly Problem[];
  constructor(path: Problem['path'], message: string) {
    super(message);
    this.problems = [{ path, message }];
  }
}

/** A dataset that failed validation; `problems` name the file, the item and the field. */
export class FixtureError extends Error {
  override readonly name = 'FixtureError';
  constructor(readonly problems: readonly string[]) {
    super(`the dataset is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written:\n  - ${problems.join('\n  - ')}`);
  }
}

/** A load or removal that would lose what another dataset still needs; `problems` say what is in the way. */
export class LoadRefused extends Error {
  override readonly name = 'LoadRefused';
  constructor(readonly problems: readonly string[]) {
    super(`refused; nothing was written:\n  - ${problems.join('\n  - ')}`);
  }
}

/** The message of anything thrown, for logs and one-line failures. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A client asked for more live subscriptions than it may hold open at once. */
/** A subscription whose client read its events slower than they came, until QUEUE_CAPACITY waited: ended, to be resumed. */
export class SubscriberFellBehind extends Error {
  override readonly name = 'SubscriberFellBehind';
  constructor(
    readonly limit: number,
    readonly since: number,
  ) {
    super(`This subscription fell ${limit} changes behind and was ended: subscribe again with \`since: "${since}"\` to go on from the last change it delivered.`);
  }
}

export class TooManySubscriptions extends Error {
  override readonly name = 'TooManySubscriptions';
  constructor(readonly limit: number) {
    super(`This client already holds ${limit} open subscriptions, the most one client may: close one (end its request) before opening another.`);
  }
}
