/**
 * Binding of query parameters (`spark.sql(text, args)`): every `:name` (args given as an
 * object) or `?` (args given as an array) becomes a literal of the bound value, in the
 * query and in its subqueries. An unbound parameter is Spark's UNBOUND_SQL_PARAMETER; a
 * query that mixes `:name` and `?` is INVALID_QUERY_MIXED_QUERY_PARAMETERS.
 */
import type { Expression } from "../catalyst/expressions/expression.ts";
import { literalOf } from "../catalyst/expressions/factories.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { transformUp } from "../catalyst/trees/expression-tree.ts";
import { mapExpressions, transformPlanUp } from "../catalyst/trees/plan-tree.ts";
import { FlintError } from "../errors/index.ts";

export type ParameterValues = Readonly<Record<string, unknown>> | readonly unknown[];

/** A literal for a bound value; expressions (e.g. built with the DataFrame API) pass as is. */
function valueExpression(v: unknown): Expression {
  if (typeof v === "object" && v !== null && "kind" in v && typeof v.kind === "string") {
    return v as Expression;
  }
  return literalOf(v);
}

export function bindParameters(plan: LogicalPlan, args: ParameterValues): LogicalPlan {
  let named = false;
  let positional = false;
  const bindExpr = (e: Expression): Expression =>
    transformUp(e, (x) => {
      switch (x.kind) {
        case "Parameter": {
          if (x.name !== null) named = true;
          else positional = true;
          if (named && positional) {
            throw new FlintError("INVALID_QUERY_MIXED_QUERY_PARAMETERS", {});
          }
          const key = x.name ?? String(x.position);
          const has = Array.isArray(args)
            ? x.position !== null && x.position < args.length
            : x.name !== null && Object.hasOwn(args, x.name);
          if (!has) throw new FlintError("UNBOUND_SQL_PARAMETER", { name: key });
          const value = Array.isArray(args)
            ? args[x.position ?? 0]
            : (args as Readonly<Record<string, unknown>>)[x.name ?? ""];
          return valueExpression(value);
        }
        case "ScalarSubquery":
        case "Exists":
        case "ListQuery":
          return Object.freeze({ ...x, plan: bindPlan(x.plan) });
        default:
          return undefined;
      }
    });
  const bindPlan = (p: LogicalPlan): LogicalPlan =>
    transformPlanUp(p, (node) => {
      // CTE definitions are not children of WithCte in the plan tree
      if (node.kind === "WithCte") {
        const ctes = node.ctes.map((c) => Object.freeze({ ...c, plan: bindPlan(c.plan) }));
        return Object.freeze({ ...node, ctes: Object.freeze(ctes) });
      }
      return mapExpressions(node, bindExpr);
    });
  return bindPlan(plan);
}
