/**
 * OptimizeIn: IN over literals.
 *
 *     a IN ()                  =>  if(isnotnull(a), false, null)
 *     a IN (1, 1, 2)           =>  a IN (1, 2)              (duplicates removed)
 *     a IN (1)                 =>  a = 1
 *     a IN (v1, ..., vN)       =>  a INSET v1, ..., vN      (N > inSetConversionThreshold)
 */

import { BooleanT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { comparison, FALSE, isNotNull, literal } from "../../expressions/factories.ts";
import { transformAllExpressionsUp } from "../../trees/plan-tree.ts";
import { deepEqual } from "../plan-checks.ts";
import { confNumber, type Rule } from "../rule.ts";

export const OptimizeIn: Rule = {
  name: "OptimizeIn",
  apply: (plan, ctx) => {
    const threshold = confNumber(ctx.conf, "spark.sql.optimizer.inSetConversionThreshold", 10);
    return transformAllExpressionsUp(plan, (e): Expression | undefined => {
      if (e.kind !== "In") return undefined;
      if (e.list.length === 0) {
        return Object.freeze({
          kind: "If",
          predicate: isNotNull(e.value),
          trueValue: FALSE,
          falseValue: literal(null, BooleanT),
        });
      }
      if (!e.list.every((x) => x.kind === "Literal")) return undefined;
      const unique: Expression[] = [];
      for (const x of e.list) if (!unique.some((u) => deepEqual(u, x))) unique.push(x);
      const [only] = unique;
      if (unique.length === 1 && only) return comparison("=", e.value, only);
      if (unique.length > threshold) {
        const values: unknown[] = [];
        let hasNull = false;
        for (const u of unique) {
          const v = u.kind === "Literal" ? u.value : null;
          if (v === null) hasNull = true;
          else values.push(v);
        }
        return Object.freeze({ kind: "InSet", child: e.value, values, hasNull });
      }
      return unique.length < e.list.length ? Object.freeze({ ...e, list: unique }) : undefined;
    });
  },
};
