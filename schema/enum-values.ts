/** Enum values for Pothos from one of the model's lists, each with its description. */
export function enumValues<T extends string>(values: readonly T[], describe: (value: T) => string, name: (value: T) => string = (v) => v) {
  const result: Record<string, { value: T; description: string }> = {};
  for (const value of values) result[name(value)] = { value, description: describe(value) };
  return result;
}
