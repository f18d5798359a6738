/**
 * EliminateSubqueryAliases: aliases only qualify names for the analyzer; once every
 * column is resolved to an id they carry nothing, so they are removed.
 *
 *     SubqueryAlias t            =>   child
 *     +- child
 */
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

export const EliminateSubqueryAliases: Rule = {
  name: "EliminateSubqueryAliases",
  apply: (plan) => transformPlanUp(plan, (p) => (p.kind === "SubqueryAlias" ? p.child : undefined)),
};
