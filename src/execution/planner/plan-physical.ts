/**
 * The physical planner's entry point: strategies, then EnsureRequirements, then
 * CollapseCodegenStages (Spark's QueryExecution.preparations, without adaptive execution).
 */
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import type { PhysicalPlan } from "../plan/physical-plan.ts";
import { collapseCodegenStages } from "./collapse-codegen-stages.ts";
import { type PlannerContext, plannerSettings } from "./config.ts";
import { ensureRequirements } from "./ensure-requirements.ts";
import { withSubqueries } from "./plan-subqueries.ts";
import { pruneFileSourceColumns } from "./prune-file-source-columns.ts";
import { planStrategies } from "./strategies.ts";

export type { PlannerContext } from "./config.ts";

/** Plans an optimized logical plan for execution. */
export function planPhysical(optimized: LogicalPlan, ctx: PlannerContext): PhysicalPlan {
  const settings = plannerSettings(ctx);
  const planned = planStrategies(pruneFileSourceColumns(optimized), { settings, ctx });
  const ensured = ensureRequirements(planned, settings);
  const collapsed = collapseCodegenStages(ensured, settings.wholeStageCodegen);
  return withSubqueries(collapsed, (sub) => planPhysical(sub, ctx));
}
