/**
 * `value IN (list)`: the value and every list item take their wider common type
 * (`a IN (1, '2')` compares as bigint). IN subqueries widen value and column pairwise.
 */
import { sameTypeIgnoringNullability } from "../../../types/data-types.ts";
import type { AttributeReference, Expression, InSubquery } from "../../expressions/expression.ts";
import { alias } from "../../expressions/factories.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { project } from "../../plans/factories.ts";
import { outputOf } from "../../plans/output.ts";
import { isPlanResolved } from "../plan-utils.ts";
import { coercionRule } from "./coercion-rule.ts";
import { findWiderCommonType, findWiderTypeForTwo, implicitCast } from "./common-type.ts";

/** `values IN (subquery)`: each value and its subquery column take their wider type. */
function coerceInSubquery(e: InSubquery): Expression | undefined {
  const plan = e.query.plan;
  if (!isPlanResolved(plan)) return undefined;
  const out = outputOf(plan);
  if (out.length !== e.values.length) return undefined;
  let changed = false;
  const values: Expression[] = [];
  const cols: Expression[] = [];
  e.values.forEach((v, i) => {
    const col = out[i] as AttributeReference;
    const w = findWiderTypeForTwo(dataTypeOf(v), col.dataType);
    if (!w || sameTypeIgnoringNullability(dataTypeOf(v), col.dataType)) {
      values.push(v);
      cols.push(col);
      return;
    }
    changed = true;
    values.push(implicitCast(v, w));
    cols.push(
      sameTypeIgnoringNullability(col.dataType, w) ? col : alias(implicitCast(col, w), col.name),
    );
  });
  if (!changed) return undefined;
  const projected = project(cols, plan);
  return Object.freeze({
    ...e,
    values: Object.freeze(values),
    query: Object.freeze({ ...e.query, plan: projected }),
  });
}

export function coerceIn(e: Expression): Expression | undefined {
  if (e.kind === "InSubquery") return coerceInSubquery(e);
  if (e.kind !== "In") return undefined;
  const types = [e.value, ...e.list].map(dataTypeOf);
  const first = types[0];
  if (!first || types.every((t) => sameTypeIgnoringNullability(t, first))) return undefined;
  const w = findWiderCommonType(types);
  if (!w) return undefined;
  return Object.freeze({
    ...e,
    value: implicitCast(e.value, w),
    list: Object.freeze(e.list.map((x) => implicitCast(x, w))),
  });
}

export const InCoercion = coercionRule("InCoercion", coerceIn);
