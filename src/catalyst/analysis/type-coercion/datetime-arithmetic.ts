/**
 * Date arithmetic (Spark's DateTimeOperations under ANSI): `date + n` and `n + date` are
 * `date_add(date, n)`, `date - n` is `date_sub(date, n)`, bound through the registry, so
 * they are also named that way (`date'2020-01-01' + 1` is `date_add(DATE '2020-01-01', 1)`).
 */
import { isIntegral } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { unresolvedFunction } from "../../expressions/factories.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { resolveFunction } from "../resolve-functions.ts";
import { coercionRule } from "./coercion-rule.ts";

export const DateTimeArithmetic = coercionRule(
  "DateTimeArithmetic",
  (e, ctx): Expression | undefined => {
    if (e.kind !== "BinaryArithmetic" || (e.op !== "+" && e.op !== "-")) return undefined;
    const l = dataTypeOf(e.left);
    const r = dataTypeOf(e.right);
    let call: Expression | undefined;
    if (l.kind === "date" && isIntegral(r)) {
      call = unresolvedFunction(e.op === "+" ? "date_add" : "date_sub", [e.left, e.right]);
    } else if (e.op === "+" && isIntegral(l) && r.kind === "date") {
      call = unresolvedFunction("date_add", [e.right, e.left]);
    }
    if (call?.kind !== "UnresolvedFunction") return undefined;
    const name = call.nameParts[0] ?? "";
    if (!ctx.functions.lookup(name)) return undefined;
    return resolveFunction({ ...call, origin: e.origin }, ctx);
  },
);
