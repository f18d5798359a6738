/** The output attributes of resolved logical plans (Spark's `LogicalPlan.output`). */
import { assertNever } from "../../types/data-types.ts";
import type { AttributeReference, Expression } from "../expressions/expression.ts";
import { attribute, withNullability, withQualifier } from "../expressions/factories.ts";
import { dataTypeOf, nullableOf } from "../expressions/typing.ts";
import type { LogicalPlan } from "./logical-plan.ts";

/** The attribute a named expression produces; throws for unnamed expressions. */
export function toAttribute(e: Expression): AttributeReference {
  switch (e.kind) {
    case "AttributeReference":
      return e;
    case "Alias":
      return attribute(e.name, dataTypeOf(e.child), nullableOf(e.child), e.exprId, e.qualifier);
    default:
      throw new Error(`${e.kind} is not a named expression`);
  }
}

const cache = new WeakMap<LogicalPlan, readonly AttributeReference[]>();

export function outputOf(plan: LogicalPlan): readonly AttributeReference[] {
  let out = cache.get(plan);
  if (!out) {
    out = Object.freeze(computeOutput(plan));
    cache.set(plan, out);
  }
  return out;
}

function computeOutput(plan: LogicalPlan): AttributeReference[] {
  switch (plan.kind) {
    case "LocalRelation":
    case "CachedRelation":
    case "FileRelation":
    case "CteRelationRef":
    case "Expand":
      return [...plan.output];
    case "Range":
      return [...plan.output];
    case "OneRowRelation":
      return [];
    case "UnresolvedRelation":
    case "WithColumns":
    case "WithColumnsRenamed":
    case "DropColumns":
    case "NaFill":
    case "NaDrop":
    case "Describe":
    case "Pivot":
    case "Unpivot":
      throw new Error(`output of an unresolved ${plan.kind}`);
    case "Project":
      return plan.projectList.map(toAttribute);
    case "Aggregate":
      return plan.aggregateExpressions.map(toAttribute);
    case "Window":
      return [...outputOf(plan.child), ...plan.windowExpressions.map(toAttribute)];
    case "Filter":
    case "Sort":
    case "GlobalLimit":
    case "LocalLimit":
    case "Offset":
    case "Distinct":
    case "Deduplicate":
    case "Repartition":
    case "RepartitionByExpression":
    case "Sample":
    case "UnresolvedHint":
    case "ResolvedHint":
    case "WithCte":
      return [...outputOf(plan.child)];
    case "SubqueryAlias":
      return outputOf(plan.child).map((a) => withQualifier(a, plan.identifier));
    case "Generate": {
      const skip = new Set(plan.unrequiredChildIndex);
      const childOut = outputOf(plan.child).filter((_, i) => !skip.has(i));
      const gen = plan.outer
        ? plan.generatorOutput.map((a) => withNullability(a, true))
        : plan.generatorOutput;
      return [...childOut, ...gen];
    }
    case "Join": {
      const l = outputOf(plan.left);
      const r = outputOf(plan.right);
      switch (plan.joinType) {
        case "Inner":
        case "Cross":
          return [...l, ...r];
        case "LeftOuter":
          return [...l, ...r.map((a) => withNullability(a, true))];
        case "RightOuter":
          return [...l.map((a) => withNullability(a, true)), ...r];
        case "FullOuter":
          return [...l, ...r].map((a) => withNullability(a, true));
        case "LeftSemi":
        case "LeftAnti":
          return [...l];
        default:
          return assertNever(plan.joinType, "join type");
      }
    }
    case "Union": {
      const first = plan.children[0];
      if (!first) return [];
      const outs = plan.children.map(outputOf);
      return outputOf(first).map((a, i) =>
        withNullability(
          a,
          outs.some((o) => o[i]?.nullable ?? true),
        ),
      );
    }
    case "Intersect":
      return outputOf(plan.left).map((a, i) =>
        withNullability(a, a.nullable && (outputOf(plan.right)[i]?.nullable ?? true)),
      );
    case "Except":
      return [...outputOf(plan.left)];
    default:
      return assertNever(plan, "logical plan");
  }
}

/** A fresh attribute list with new ids (for relations created from the same source). */
export function freshAttributes(
  columns: readonly { name: string; dataType: AttributeReference["dataType"]; nullable: boolean }[],
): AttributeReference[] {
  return columns.map((c) => attribute(c.name, c.dataType, c.nullable));
}
