/**
 * OptimizeLimitZero: a limit of zero rows is an empty relation of its output.
 *
 *     GlobalLimit 0 / LocalLimit 0 (child)   =>   LocalRelation <child's output>, no rows
 */
import { localRelation } from "../../plans/factories.ts";
import { outputOf } from "../../plans/output.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { intLiteral } from "../util/max-rows.ts";

export const OptimizeLimitZero: Rule = {
  name: "OptimizeLimitZero",
  apply: (plan) =>
    transformPlanUp(plan, (p) =>
      (p.kind === "GlobalLimit" || p.kind === "LocalLimit") && intLiteral(p.limit) === 0
        ? localRelation(outputOf(p), [])
        : undefined,
    ),
};
