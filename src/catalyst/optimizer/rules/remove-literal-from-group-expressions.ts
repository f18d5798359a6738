/**
 * RemoveLiteralFromGroupExpressions: constant grouping keys group nothing apart. When
 * every key is constant, one `0` key stays, so that an empty input still yields no rows
 * (a global aggregate would yield one).
 *
 *     Aggregate [a, 'x', 1], ...   =>   Aggregate [a], ...
 *     Aggregate ['x'], ...         =>   Aggregate [0], ...
 */
import { IntegerT } from "../../../types/data-types.ts";
import { literal } from "../../expressions/factories.ts";
import { isFoldable } from "../../expressions/typing.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

export const RemoveLiteralFromGroupExpressions: Rule = {
  name: "RemoveLiteralFromGroupExpressions",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Aggregate" || p.groupingExpressions.length === 0) return undefined;
      const kept = p.groupingExpressions.filter((g) => !isFoldable(g));
      if (kept.length === p.groupingExpressions.length) return undefined;
      if (kept.length > 0) return Object.freeze({ ...p, groupingExpressions: kept });
      const only = p.groupingExpressions[0];
      if (p.groupingExpressions.length === 1 && only?.kind === "Literal" && only.value === 0) {
        return undefined;
      }
      return Object.freeze({ ...p, groupingExpressions: [literal(0, IntegerT)] });
    }),
};
