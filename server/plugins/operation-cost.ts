import { DEFAULT_PAGE_SIZE } from '../../schema/pages.ts';
import {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * How many items a list is assumed to hold when no argument bounds it: a relation's `sources`,
 * a path's `nodes`, the introspection lists. They are short in this graph; 10 errs on the long side.
 */
export const UNBOUNDED_LIST_SIZE = 10;

export interface CostInput {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName?: string | null | undefined;
  /** The request's variables as sent (they are coerced here, as execution will coerce them). */
  readonly variableValues?: Readonly<Record<string, unknown>> | null | undefined;
}

/**
 * The most objects the answer to one operation can hold: each object-valued field counts 1, times
 * the length of every list it sits in. A field's `first` sizes the lists right below it (a
 * connection's `edges` and `nodes`; its default when not given), `nodes(ids:)` holds as many
 * items as ids, any other list UNBOUNDED_LIST_SIZE. Scalars are free: MAX_TOKENS bounds how many
 * a document can name. Fragments on different types are alternatives (an entity is a Treaty or a
 * State, never both), so a selection costs what its most expensive possible type would.
 * `@skip` and `@include` are honoured.
 *
 * Undefined when there is no single operation to run or its variables do not coerce: execution
 * then answers with that error and runs no resolver.
 */
export function operationCost({ schema, document, operationName, variableValues }: CostInput): number | undefined {
  const operation = getOperationAST(document, operationName);
  const rootType = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType) return undefined;
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], { ...variableValues });
  if (!variables.coerced) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return new CostCounter(schema, fragments, variables.coerced).selectionSet(operation.selectionSet, rootType, undefined);
}

/**
 * `operationCost`, computed once per execution however many plugins ask: the cost limit and the
 * rate limit both need it. Keyed by the execution's arguments, which every `onExecute` hook of one
 * execution is given as the same object; one meter per app.
 */
export function costMeter(): (input: CostInput) => number | undefined {
  const costs = new WeakMap<CostInput, number | undefined>();
  return (input) => {
    if (costs.has(input)) return costs.get(input);
    const cost = operationCost(input);
    costs.set(input, cost);
    return cost;
  };
}

/**
 * Walks one validated operation (so no fragment cycles and no unknown fields). Each field and each
 * fragment is costed once per page size and memoised, so fragments spread many times in many
 * places (the "billion laughs" shape) cost linear time, not exponential.
 */
class CostCounter {
  readonly #fieldCosts = new Map<FieldNode, Map<number | undefined, number>>();
  readonly #fragmentCosts = new Map<string, number>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Readonly<Record<string, unknown>>,
  ) {}

  /** `pageSize`: the `first` of the field this selection belongs to, which sizes the lists right in it. */
  selectionSet(selectionSet: SelectionSetNode, type: GraphQLCompositeType, pageSize: number | undefined): number {
    const candidates = isAbstractType(type) ? this.schema.getPossibleTypes(type) : [type];
    return Math.max(0, ...candidates.map((runtimeType) => this.#costAs(selectionSet, type, runtimeType, pageSize)));
  }

  /** The selection's cost when the object turns out to be `runtimeType`; `scope` is the type fields are looked up on. */
  #costAs(selectionSet: SelectionSetNode, scope: GraphQLCompositeType, runtimeType: GraphQLObjectType, pageSize: number | undefined): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (!this.#included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        total += this.#field(selection, scope, pageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? this.#compositeType(selection.typeCondition.name.value) : scope;
        if (condition && this.#applies(condition, runtimeType)) total += this.#costAs(selection.selectionSet, condition, runtimeType, pageSize);
      } else {
        total += this.#fragment(selection.name.value, runtimeType, pageSize);
      }
    }
    return total;
  }

  #fragment(name: string, runtimeType: GraphQLObjectType, pageSize: number | undefined): number {
    const key = `${name}\n${runtimeType.name}\n${pageSize ?? ''}`;
    const known = this.#fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    const condition = fragment && this.#compositeType(fragment.typeCondition.name.value);
    const cost = fragment && condition && this.#applies(condition, runtimeType) ? this.#costAs(fragment.selectionSet, condition, runtimeType, pageSize) : 0;
    this.#fragmentCosts.set(key, cost);
    return cost;
  }

  #field(node: FieldNode, scope: GraphQLCompositeType, pageSize: number | undefined): number {
    let byPageSize = this.#fieldCosts.get(node);
    const known = byPageSize?.get(pageSize);
    if (known !== undefined) return known;
    const cost = this.#fieldCost(node, scope, pageSize);
    if (!byPageSize) this.#fieldCosts.set(node, (byPageSize = new Map()));
    byPageSize.set(pageSize, cost);
    return cost;
  }

  #fieldCost(node: FieldNode, scope: GraphQLCompositeType, pageSize: number | undefined): number {
    const definition = this.#fieldDefinition(scope, node.name.value);
    const type = definition && getNamedType(definition.type);
    // Scalars, enums and `__typename` are free.
    if (!definition || !node.selectionSet || !isCompositeType(type)) return 0;
    const args = this.#arguments(definition, node);
    const items = isListType(getNullableType(definition.type)) ? listLength(args, pageSize) : 1;
    return items * (1 + this.selectionSet(node.selectionSet, type, pageSizeOf(definition, args)));
  }

  #fieldDefinition(scope: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
    // The introspection entry points are not among the query type's own fields, but they are counted
    // like any field: their lists nest without end, and tokens alone do not bound that.
    if (scope === this.schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    }
    return isObjectType(scope) || isInterfaceType(scope) ? scope.getFields()[name] : undefined;
  }

  #arguments(definition: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    try {
      return getArgumentValues(definition, node, this.variables);
    } catch (error) {
      // A value that passed validation can still fail here (a null variable for a non-null
      // argument): execution then fails that field alone. Count it with its defaults.
      if (error instanceof GraphQLError) return {};
      throw error;
    }
  }

  #included(selection: SelectionNode): boolean {
    if (getDirectiveValues(GraphQLSkipDirective, selection, this.variables)?.['if'] === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, selection, this.variables)?.['if'] !== false;
  }

  #compositeType(name: string): GraphQLCompositeType | undefined {
    const type = this.schema.getType(name);
    return isCompositeType(type) ? type : undefined;
  }

  #applies(condition: GraphQLCompositeType, runtimeType: GraphQLObjectType): boolean {
    return condition === runtimeType || (isAbstractType(condition) && this.schema.isSubType(condition, runtimeType));
  }
}

/** The page size a field's `first` (or `last`) gives the lists right below it; undefined for fields without `first`. */
function pageSizeOf(definition: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number | undefined {
  const first = definition.args.find((arg) => arg.name === 'first');
  if (!first) return undefined;
  // A connection's `first` and `last` default to DEFAULT_PAGE_SIZE in the resolvers (schema/pages.ts), not in the
  // schema, since either may be the one given; other fields state their default on `first`.
  const connection = definition.args.some((arg) => arg.name === 'last');
  const value = args['first'] ?? args['last'] ?? first.defaultValue ?? (connection ? DEFAULT_PAGE_SIZE : undefined);
  return typeof value === 'number' ? Math.max(0, value) : UNBOUNDED_LIST_SIZE;
}

function listLength(args: Record<string, unknown>, pageSize: number | undefined): number {
  if (pageSize !== undefined) return pageSize;
  const ids = args['ids'];
  return Array.isArray(ids) ? ids.length : UNBOUNDED_LIST_SIZE;
}
