/**
 * With `spark.sql.ansi.enabled=false`, arithmetic, negation, casts and array subscripts
 * run in LEGACY mode (wrap around, null on a zero divisor or bad input), as Spark picks
 * their eval mode from the session config when it builds them. The parser, the DataFrame
 * API and type coercion build ANSI nodes; this rule, which runs right after coercion in
 * each resolution pass, lowers them. TRY stays TRY. With ANSI on it changes nothing.
 *
 *   (a + 1) [ANSI], CAST(s AS INT) [ANSI]   =>   (a + 1) [LEGACY], CAST(s AS INT) [LEGACY]
 */
import type { Expression } from "../expressions/expression.ts";
import { transformAllExpressionsUp } from "../trees/plan-tree.ts";
import type { AnalyzerRule } from "./rule.ts";

function lower(e: Expression): Expression | undefined {
  switch (e.kind) {
    case "BinaryArithmetic":
    case "UnaryMinus":
    case "Cast":
      return e.evalMode === "ANSI" ? Object.freeze({ ...e, evalMode: "LEGACY" }) : undefined;
    case "GetArrayItem":
      return e.failOnError ? Object.freeze({ ...e, failOnError: false }) : undefined;
    default:
      return undefined;
  }
}

export const ApplyEvalMode: AnalyzerRule = {
  name: "ApplyEvalMode",
  apply: (plan, ctx) => (ctx.config.ansi ? plan : transformAllExpressionsUp(plan, lower)),
};
