/**
 * The built-in function library: every registry entry, by group. `builtinRegistry()` is
 * what sessions start from; the interpreted evaluator uses it when no registry is given.
 */
import { type FunctionDef, FunctionRegistry } from "../catalog/function-registry.ts";
import { setDefaultRegistryLoader } from "../expressions/eval/evaluate.ts";
import { AGGREGATE_FUNCTIONS } from "./aggregate.ts";
import { COLLECTION_FUNCTIONS } from "./collection.ts";
import { CONDITIONAL_FUNCTIONS } from "./conditional.ts";
import { DATETIME_FUNCTIONS } from "./datetime.ts";
import { EXTRA_FUNCTIONS } from "./extras.ts";
import { GENERATOR_FUNCTIONS } from "./generator.ts";
import { HASH_FUNCTIONS } from "./hash.ts";
import { JSON_FUNCTIONS } from "./json.ts";
import { MATH_FUNCTIONS } from "./math.ts";
import { MISC_FUNCTIONS } from "./misc.ts";
import { PREDICATE_FUNCTIONS } from "./predicate.ts";
import { STRING_FUNCTIONS } from "./string.ts";
import { WINDOW_FUNCTIONS } from "./window.ts";

/** All built-in definitions, in registration order (later names override earlier ones). */
export function builtinFunctions(): readonly FunctionDef[] {
  return [
    ...STRING_FUNCTIONS,
    ...CONDITIONAL_FUNCTIONS,
    ...MATH_FUNCTIONS,
    ...DATETIME_FUNCTIONS,
    ...COLLECTION_FUNCTIONS,
    ...HASH_FUNCTIONS,
    ...PREDICATE_FUNCTIONS,
    ...MISC_FUNCTIONS,
    ...JSON_FUNCTIONS,
    ...EXTRA_FUNCTIONS,
    ...AGGREGATE_FUNCTIONS,
    ...WINDOW_FUNCTIONS,
    ...GENERATOR_FUNCTIONS,
  ];
}

let cached: FunctionRegistry | undefined;

/** The registry of built-in functions (immutable; shared). */
export function builtinRegistry(): FunctionRegistry {
  if (!cached) cached = new FunctionRegistry(builtinFunctions());
  return cached;
}

setDefaultRegistryLoader(builtinRegistry);
