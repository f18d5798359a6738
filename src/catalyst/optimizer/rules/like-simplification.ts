/**
 * LikeSimplification: LIKE patterns that need no pattern matcher (case-sensitive LIKE
 * only, patterns without the escape character).
 *
 *     a LIKE 'abc'    =>  a = 'abc'
 *     a LIKE 'abc%'   =>  startswith(a, 'abc')
 *     a LIKE '%abc'   =>  endswith(a, 'abc')
 *     a LIKE '%abc%'  =>  contains(a, 'abc')
 */

import { BooleanT, StringT } from "../../../types/data-types.ts";
import type { Expression, Like } from "../../expressions/expression.ts";
import { comparison, literal } from "../../expressions/factories.ts";
import { nullableOf } from "../../expressions/typing.ts";
import { transformAllExpressionsUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

const PLAIN = /^[^_%]*$/;

function call(name: string, input: Expression, arg: string): Expression {
  return Object.freeze({
    kind: "ScalarFunction",
    name,
    args: Object.freeze([input, literal(arg, StringT)]),
    dataType: BooleanT,
    nullable: nullableOf(input),
    deterministic: true,
    options: Object.freeze({}),
  });
}

export function simplifyLike(e: Like): Expression | undefined {
  if (e.caseInsensitive || e.right.kind !== "Literal") return undefined;
  const pattern = e.right.value;
  if (typeof pattern !== "string" || pattern.includes(e.escapeChar)) return undefined;
  if (e.right.dataType.kind !== "string") return undefined;
  if (PLAIN.test(pattern)) return comparison("=", e.left, e.right);
  const n = pattern.length;
  if (n >= 2 && pattern.startsWith("%") && pattern.endsWith("%")) {
    const mid = pattern.slice(1, -1);
    if (mid.length > 0 && PLAIN.test(mid)) return call("contains", e.left, mid);
  }
  if (pattern.endsWith("%")) {
    const prefix = pattern.slice(0, -1);
    if (prefix.length > 0 && PLAIN.test(prefix)) return call("startswith", e.left, prefix);
  }
  if (pattern.startsWith("%")) {
    const suffix = pattern.slice(1);
    if (suffix.length > 0 && PLAIN.test(suffix)) return call("endswith", e.left, suffix);
  }
  return undefined;
}

export const LikeSimplification: Rule = {
  name: "LikeSimplification",
  apply: (plan) =>
    transformAllExpressionsUp(plan, (e) => (e.kind === "Like" ? simplifyLike(e) : undefined)),
};
