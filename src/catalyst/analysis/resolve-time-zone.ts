/**
 * ResolveTimeZone: casts that do not name a time zone take the session's
 * (`spark.sql.session.timeZone`), as Spark's ResolveTimeZone does for time-zone-aware
 * expressions. Plans print the same; evaluation of string <-> timestamp casts needs it.
 */
import { transformAllExpressionsUp } from "../trees/plan-tree.ts";
import type { AnalyzerRule } from "./rule.ts";

export const ResolveTimeZone: AnalyzerRule = {
  name: "ResolveTimeZone",
  apply: (plan, ctx) =>
    transformAllExpressionsUp(plan, (e) =>
      e.kind === "Cast" && e.timeZoneId === null
        ? Object.freeze({ ...e, timeZoneId: ctx.config.sessionTimeZone })
        : undefined,
    ),
};
