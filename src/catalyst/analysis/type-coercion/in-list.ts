/** `value IN (list)`: the value and every list item take their wider common type. */
import { sameTypeIgnoringNullability } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { coercionRule } from "./coercion-rule.ts";
import { findWiderCommonType, implicitCast } from "./common-type.ts";

export function coerceIn(e: Expression): Expression | undefined {
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
