/**
 * ResolveWindowFrame: a window without an explicit frame gets Spark's default.
 *   ranking functions (row_number, rank, ...)  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
 *   cume_dist                                  RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
 *   lag / lead with offset n                   ROWS BETWEEN -n FOLLOWING AND -n FOLLOWING (lag)
 *   aggregates with ORDER BY                   RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
 *   aggregates without ORDER BY                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
 */
import type { Expression, FrameBoundary, WindowSpec } from "../expressions/expression.ts";
import { literal } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import { transformAllExpressionsUp } from "../trees/plan-tree.ts";
import type { AnalyzerRule } from "./rule.ts";

function bound(type: FrameBoundary["type"], offset: Expression | null = null): FrameBoundary {
  return Object.freeze({ kind: "FrameBoundary", type, offset });
}

const UNBOUNDED_PRECEDING = bound("UNBOUNDED PRECEDING");
const UNBOUNDED_FOLLOWING = bound("UNBOUNDED FOLLOWING");
const CURRENT_ROW = bound("CURRENT ROW");

/** Window functions that read their frame as aggregates do, so take the aggregates' default. */
const FRAME_FUNCTIONS = new Set(["nth_value", "first_value", "last_value"]);

export function defaultFrame(fn: Expression, spec: WindowSpec): NonNullable<WindowSpec["frame"]> {
  if (fn.kind === "WindowFunction" && !FRAME_FUNCTIONS.has(fn.name.toLowerCase())) {
    const name = fn.name.toLowerCase();
    if (name === "lag" || name === "lead") {
      const off = fn.args[1];
      let n = 1;
      if (off?.kind === "Literal" && typeof off.value === "number") n = off.value;
      const o = literal(name === "lag" ? -n : n, { kind: "integer" });
      return Object.freeze({
        frameType: "ROWS",
        lower: bound("OFFSET", o),
        upper: bound("OFFSET", o),
      });
    }
    // cume_dist counts peers, so its frame is a RANGE one.
    const frameType = name === "cume_dist" ? "RANGE" : "ROWS";
    return Object.freeze({ frameType, lower: UNBOUNDED_PRECEDING, upper: CURRENT_ROW });
  }
  return spec.orderSpec.length > 0
    ? Object.freeze({ frameType: "RANGE", lower: UNBOUNDED_PRECEDING, upper: CURRENT_ROW })
    : Object.freeze({ frameType: "ROWS", lower: UNBOUNDED_PRECEDING, upper: UNBOUNDED_FOLLOWING });
}

export const ResolveWindowFrame: AnalyzerRule = {
  name: "ResolveWindowFrame",
  apply: (plan) =>
    transformAllExpressionsUp(plan, (e) => {
      if (e.kind !== "WindowExpression" || e.spec.frame !== null || !isResolved(e.fn))
        return undefined;
      const spec: WindowSpec = Object.freeze({ ...e.spec, frame: defaultFrame(e.fn, e.spec) });
      return Object.freeze({ ...e, spec });
    }),
};
