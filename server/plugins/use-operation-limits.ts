import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { ErrorCode } from '../../schema/errors.ts';
import { operationCost, type CostInput } from './operation-cost.ts';
import { documentRejected } from './rejection.ts';

/** How big one operation may be. Every limit is checked before any resolver runs, so a refused request costs Neo4j nothing. */
export interface OperationLimits {
  /** Deepest nesting of fields; fragments add no level of their own. @default 10 */
  readonly maxDepth: number;
  /** Most objects one answer may hold, list sizes (`first`) multiplied through; see `operationCost`. @default 50_000 */
  readonly maxCost: number;
  /** Most aliases in one document (`__typename` aliases are free). @default 15 */
  readonly maxAliases: number;
  /** Most directives in one document. @default 20 */
  readonly maxDirectives: number;
  /** Most tokens (names, punctuation, literals) in one document; variables do not count. @default 1000 */
  readonly maxTokens: number;
}

/**
 * Depth, aliases, directives and tokens are GraphQL Armor's checks, made to report our coded,
 * actionable errors instead of throwing their own. Cost is ours: Armor's counts only literal
 * `first` values, so `first: $n` (or the default of 20) would slip through it.
 */
export function useOperationLimits(limits: OperationLimits, costOf: (input: CostInput) => number | undefined = operationCost): Plugin {
  const { maxDepth, maxAliases, maxDirectives, maxTokens, maxCost } = limits;
  const armorPlugins = [
    maxDepthPlugin<YogaInitialContext>({
      n: maxDepth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [
        reportTo(ErrorCode.DepthLimit, `The query nests fields more than ${maxDepth} levels deep. Ask for fewer levels at once and follow deeper relations with another query from the ids you got.`, maxDepth),
      ],
    }),
    maxAliasesPlugin<YogaInitialContext>({
      n: maxAliases,
      propagateOnRejection: false,
      onReject: [
        reportTo(ErrorCode.AliasLimit, `The query uses more than ${maxAliases} aliases. Ask for fewer fields under other names; to fetch many entities at once, use \`nodes(ids: [...])\`.`, maxAliases),
      ],
    }),
    maxDirectivesPlugin<YogaInitialContext>({
      n: maxDirectives,
      propagateOnRejection: false,
      onReject: [
        reportTo(ErrorCode.DirectiveLimit, `The query uses more than ${maxDirectives} directives. Put one @include or @skip on a fragment instead of one on each field.`, maxDirectives),
      ],
    }),
    maxTokensPlugin<YogaInitialContext>({
      n: maxTokens,
      // Parsing has no validation context to report to: stop it by throwing our error instead of Armor's.
      onReject: [
        () => {
          throw documentRejected(
            ErrorCode.TokenLimit,
            `The document has more than ${maxTokens} tokens (names, punctuation, values). Shorten it or split it into several requests; pass long values as variables, which do not count.`,
            { limit: maxTokens },
          );
        },
      ],
    }),
  ];

  return {
    onPluginInit({ addPlugin }) {
      for (const plugin of armorPlugins) addPlugin(plugin);
    },
    // Cost depends on the variables, so it cannot be a validation rule: Yoga caches validation by document.
    onExecute: limitCost,
    // A subscription's cost is that of one of its events.
    onSubscribe: limitCost,
  };

  function limitCost({ args, setResultAndStopExecution }: { readonly args: CostInput; readonly setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void }): void {
    const cost = costOf(args);
    if (cost === undefined || cost <= maxCost) return;
    setResultAndStopExecution({
      errors: [
        documentRejected(
          ErrorCode.CostLimit,
          `The query could return up to ${formatCount(cost)} objects; the limit is ${formatCount(maxCost)}. Ask for smaller pages (\`first\`) or fewer nested lists.`,
          { cost, limit: maxCost },
        ),
      ],
    });
  }
}

/** An Armor rejection handler that reports our error to validation, which then lists it with any others. */
function reportTo(code: ErrorCode, message: string, limit: number): (context: ValidationContext | null) => void {
  return (context) => {
    const error = documentRejected(code, message, { limit });
    // Armor passes no context only while parsing, which these validation rules never do.
    if (!context) throw error;
    context.reportError(error);
  };
}

function formatCount(count: number): string {
  return Number.isFinite(count) ? count.toLocaleString('en-US') : 'unboundedly many';
}
