/**
 * SimplifyCasts: a cast to the type its input already has does nothing.
 *
 *     cast(a#1 as int)   =>   a#1          (a is int)
 */

import { sameType } from "../../../types/data-types.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { transformAllExpressionsUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

export const SimplifyCasts: Rule = {
  name: "SimplifyCasts",
  apply: (plan) =>
    transformAllExpressionsUp(plan, (e) =>
      e.kind === "Cast" && sameType(dataTypeOf(e.child), e.dataType) ? e.child : undefined,
    ),
};
