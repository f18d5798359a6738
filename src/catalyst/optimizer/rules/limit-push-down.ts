/**
 * LimitPushDown: copies a per-partition limit below operators that cannot produce fewer
 * rows from fewer input rows, so less is read and shuffled. The original limit stays.
 *
 *     LocalLimit n (Union a, b)                  =>  LocalLimit n (Union (LocalLimit n a), (LocalLimit n b))
 *     LocalLimit n (a LEFT OUTER JOIN b ON c)    =>  LocalLimit n ((LocalLimit n a) LEFT OUTER JOIN b ON c)
 *     LocalLimit n (a RIGHT OUTER JOIN b ON c)   =>  ... right side
 *     LocalLimit n (a [INNER|OUTER|CROSS] JOIN b), no condition  =>  both sides
 *     LocalLimit n (a LEFT SEMI|ANTI JOIN b), no condition       =>  left side
 *     LocalLimit n (Project (Join|Union))        =>  the same below the project
 *
 * A limit is only added where the child may have more rows per partition than `n`.
 */
import type { Expression } from "../../expressions/expression.ts";
import { isDeterministic } from "../../expressions/typing.ts";
import type { Join, LocalLimit, LogicalPlan } from "../../plans/logical-plan.ts";
import { transformPlanDown } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { intLiteral, maxRowsPerPartition } from "../util/max-rows.ts";

function localLimit(limit: Expression, child: LogicalPlan): LocalLimit {
  return Object.freeze({ kind: "LocalLimit", limit, child });
}

function maybePush(limit: Expression, p: LogicalPlan): LogicalPlan {
  const n = intLiteral(limit);
  const m = maxRowsPerPartition(p);
  if (m !== undefined && (n === undefined || n >= m)) return p;
  const stripped = p.kind === "GlobalLimit" ? p.child : p;
  return localLimit(limit, stripped);
}

function pushThroughJoin(limit: Expression, j: Join): LogicalPlan {
  const noCond = j.condition === null;
  switch (j.joinType) {
    case "RightOuter":
      return noCond
        ? Object.freeze({ ...j, left: maybePush(limit, j.left), right: maybePush(limit, j.right) })
        : Object.freeze({ ...j, right: maybePush(limit, j.right) });
    case "LeftOuter":
      return noCond
        ? Object.freeze({ ...j, left: maybePush(limit, j.left), right: maybePush(limit, j.right) })
        : Object.freeze({ ...j, left: maybePush(limit, j.left) });
    case "Inner":
    case "Cross":
    case "FullOuter":
      return noCond
        ? Object.freeze({ ...j, left: maybePush(limit, j.left), right: maybePush(limit, j.right) })
        : j;
    case "LeftSemi":
    case "LeftAnti":
      return noCond ? Object.freeze({ ...j, left: maybePush(limit, j.left) }) : j;
    default:
      return j;
  }
}

function pushInto(limit: Expression, child: LogicalPlan): LogicalPlan {
  switch (child.kind) {
    case "Union": {
      const children = child.children.map((c) => maybePush(limit, c));
      return children.every((c, i) => c === child.children[i])
        ? child
        : Object.freeze({ ...child, children });
    }
    case "Join": {
      const j = pushThroughJoin(limit, child);
      return j.kind === "Join" && j.left === child.left && j.right === child.right ? child : j;
    }
    case "Project": {
      if (!child.projectList.every(isDeterministic)) return child;
      if (child.child.kind !== "Join" && child.child.kind !== "Union") return child;
      const below = pushInto(limit, child.child);
      return below === child.child ? child : Object.freeze({ ...child, child: below });
    }
    default:
      return child;
  }
}

export const LimitPushDown: Rule = {
  name: "LimitPushDown",
  apply: (plan) =>
    transformPlanDown(plan, (p) => {
      if (p.kind !== "LocalLimit") return undefined;
      const child = pushInto(p.limit, p.child);
      return child === p.child ? undefined : Object.freeze({ ...p, child });
    }),
};
