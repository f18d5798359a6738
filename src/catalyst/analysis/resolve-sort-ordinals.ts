/**
 * ORDER BY ordinals: `ORDER BY 2` sorts by the second output column of the child
 * (Project or Aggregate). An ordinal outside the list fails with ORDER_BY_POS_OUT_OF_RANGE.
 */
import { FlintError } from "../../errors/index.ts";
import type { SortOrder } from "../expressions/expression.ts";
import { outputOf } from "../plans/output.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { isPlanResolved } from "./plan-utils.ts";
import type { AnalyzerRule } from "./rule.ts";

export const ResolveSortOrdinals: AnalyzerRule = {
  name: "ResolveSortOrdinals",
  apply: (plan, ctx) =>
    !ctx.config.orderByOrdinal
      ? plan
      : transformPlanUp(plan, (p) => {
          if (p.kind !== "Sort" || !isPlanResolved(p.child)) return undefined;
          const isOrdinal = (o: SortOrder) =>
            o.child.kind === "Literal" && o.child.dataType.kind === "integer";
          if (!p.order.some(isOrdinal)) return undefined;
          const out = outputOf(p.child);
          const order = p.order.map((o) => {
            if (!isOrdinal(o) || o.child.kind !== "Literal") return o;
            const n = o.child.value as number;
            const a = out[n - 1];
            if (!a) {
              throw new FlintError("ORDER_BY_POS_OUT_OF_RANGE", {
                index: String(n),
                size: String(out.length),
              });
            }
            return Object.freeze({ ...o, child: a });
          });
          return Object.freeze({ ...p, order: Object.freeze(order) });
        }),
};
