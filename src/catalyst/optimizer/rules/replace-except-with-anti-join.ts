/**
 * ReplaceExceptWithAntiJoin: EXCEPT (distinct) is a null-safe left anti join on every
 * column, made distinct.
 *
 *     Except false l, r   =>   Distinct (l LEFT ANTI JOIN r ON l1 <=> r1 AND ...)
 */
import { distinct } from "../../plans/factories.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { nullSafeJoinOnAllColumns } from "./replace-intersect-with-semi-join.ts";

export const ReplaceExceptWithAntiJoin: Rule = {
  name: "ReplaceExceptWithAntiJoin",
  apply: (plan) =>
    transformPlanUp(plan, (p) =>
      p.kind === "Except" && !p.isAll
        ? distinct(nullSafeJoinOnAllColumns(p.left, p.right, "LeftAnti"))
        : undefined,
    ),
};
