/** Test support: bind a call through the library and evaluate it over literals. */

import { simpleString } from "../../types/data-types.ts";
import { isTypeCheckFailure, type TypeCheckFailure } from "../catalog/function-registry.ts";
import { evaluate } from "../expressions/eval/evaluate.ts";
import type { Expression } from "../expressions/expression.ts";
import { toHiveString } from "../expressions/format.ts";
import { dataTypeOf } from "../expressions/typing.ts";
import { builtinRegistry } from "./index.ts";

export const BIND_CTX = { ansi: true, sessionTimeZone: "UTC" } as const;

/** Binds `name(args)`; throws if the name is unknown. */
export function bindCall(name: string, args: readonly Expression[]): Expression | TypeCheckFailure {
  const def = builtinRegistry().lookup(name);
  if (!def) throw new Error(`unknown function ${name}`);
  if (args.length < def.minArgs || args.length > def.maxArgs) throw new Error(`arity ${name}`);
  return def.bind(args, BIND_CTX);
}

/** Binds and evaluates, rendering as `spark-sql` prints (`NULL`, `[1,2]`, ...). */
export function run(name: string, ...args: Expression[]): string {
  const e = bindCall(name, args);
  if (isTypeCheckFailure(e))
    throw new Error(`${e.errorClass} ${JSON.stringify(e.messageParameters)}`);
  return toHiveString(evaluate(e, []), dataTypeOf(e));
}

/** The result type of a bound call, as `typeof` prints it. */
export function typeOfCall(name: string, ...args: Expression[]): string {
  const e = bindCall(name, args);
  if (isTypeCheckFailure(e)) return `failure ${e.errorClass}`;
  return simpleString(dataTypeOf(e));
}
