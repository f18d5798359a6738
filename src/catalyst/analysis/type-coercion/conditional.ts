/**
 * CASE WHEN / IF / COALESCE: result branches take their wider common type
 * (`coalesce(int, double)` -> `coalesce(cast(a as double), c)`); a NULL IF predicate
 * becomes a boolean NULL, while CASE WHEN conditions are never cast (`CASE WHEN NULL`
 * fails with VOID, as Spark's). LIKE operands that are not strings are cast to string.
 */
import {
  BooleanT,
  type DataType,
  StringT,
  sameTypeIgnoringNullability,
} from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { coercionRule } from "./coercion-rule.ts";
import { findWiderCommonType, implicitCast } from "./common-type.ts";

function commonType(es: readonly Expression[]): DataType | undefined {
  const types = es.map(dataTypeOf);
  const first = types[0];
  if (!first || types.every((t) => sameTypeIgnoringNullability(t, first))) return undefined;
  return findWiderCommonType(types);
}

/** IF(NULL, ...) takes a boolean NULL (Spark's IfCoercion); CASE WHEN conditions are not cast. */
function ifPredicate(e: Expression): Expression {
  return dataTypeOf(e).kind === "null" ? implicitCast(e, BooleanT) : e;
}

export function coerceConditional(e: Expression): Expression | undefined {
  switch (e.kind) {
    case "CaseWhen": {
      const values = [...e.branches.map((b) => b[1]), ...(e.elseValue ? [e.elseValue] : [])];
      const w = commonType(values);
      const cast = (x: Expression) => (w ? implicitCast(x, w) : x);
      const branches = e.branches.map(([c, v]) => Object.freeze([c, cast(v)] as const));
      const elseValue = e.elseValue ? cast(e.elseValue) : null;
      const same =
        elseValue === e.elseValue &&
        branches.every(([c, v], i) => c === e.branches[i]?.[0] && v === e.branches[i]?.[1]);
      return same
        ? undefined
        : Object.freeze({ ...e, branches: Object.freeze(branches), elseValue });
    }
    case "If": {
      const w = commonType([e.trueValue, e.falseValue]);
      const predicate = ifPredicate(e.predicate);
      const trueValue = w ? implicitCast(e.trueValue, w) : e.trueValue;
      const falseValue = w ? implicitCast(e.falseValue, w) : e.falseValue;
      return predicate === e.predicate && trueValue === e.trueValue && falseValue === e.falseValue
        ? undefined
        : Object.freeze({ ...e, predicate, trueValue, falseValue });
    }
    case "Coalesce": {
      const w = commonType(e.children);
      return w
        ? Object.freeze({
            ...e,
            children: Object.freeze(e.children.map((x) => implicitCast(x, w))),
          })
        : undefined;
    }
    case "Like":
    case "RLike": {
      const toStr = (x: Expression) => {
        const t = dataTypeOf(x);
        return t.kind === "string" || t.kind === "array" || t.kind === "map" || t.kind === "struct"
          ? x
          : implicitCast(x, StringT);
      };
      const left = toStr(e.left);
      const right = toStr(e.right);
      return left === e.left && right === e.right
        ? undefined
        : Object.freeze({ ...e, left, right });
    }
    default:
      return undefined;
  }
}

export const ConditionalCoercion = coercionRule("ConditionalCoercion", coerceConditional);
