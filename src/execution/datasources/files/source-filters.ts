/**
 * Pushed data filters as Spark names its data source filters in EXPLAIN's `PushedFilters`:
 * `IsNotNull(a)`, `GreaterThan(a,1)`, `In(a, [1,2])`, `StringStartsWith(s,x)`, `And(..)`.
 * A comparison with the literal on the left is flipped (`1 < a` is `GreaterThan(a,1)`).
 */
import type { ComparisonOp, Expression } from "../../../catalyst/expressions/expression.ts";
import { castToString } from "../../../catalyst/expressions/format.ts";

const NAMES: Readonly<Record<ComparisonOp, string>> = {
  "=": "EqualTo",
  "<=>": "EqualNullSafe",
  "<": "LessThan",
  "<=": "LessThanOrEqual",
  ">": "GreaterThan",
  ">=": "GreaterThanOrEqual",
};

const FLIPPED: Readonly<Record<ComparisonOp, ComparisonOp>> = {
  "=": "=",
  "<=>": "<=>",
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
};

const STRING_FILTERS: Readonly<Record<string, string>> = {
  startswith: "StringStartsWith",
  endswith: "StringEndsWith",
  contains: "StringContains",
};

function literalText(e: Expression): string | undefined {
  if (e.kind !== "Literal") return undefined;
  return e.value === null ? "null" : castToString(e.value, e.dataType);
}

/** The source filter text of `e`, or undefined when it is not one. */
export function sourceFilterString(e: Expression): string | undefined {
  switch (e.kind) {
    case "IsNull":
    case "IsNotNull":
      return e.child.kind === "AttributeReference" ? `${e.kind}(${e.child.name})` : undefined;
    case "BinaryComparison": {
      if (e.left.kind === "AttributeReference") {
        const v = literalText(e.right);
        return v === undefined ? undefined : `${NAMES[e.op]}(${e.left.name},${v})`;
      }
      if (e.right.kind === "AttributeReference") {
        const v = literalText(e.left);
        return v === undefined ? undefined : `${NAMES[FLIPPED[e.op]]}(${e.right.name},${v})`;
      }
      return undefined;
    }
    case "In": {
      if (e.value.kind !== "AttributeReference") return undefined;
      const vs = e.list.map(literalText);
      if (vs.some((v) => v === undefined)) return undefined;
      return `In(${e.value.name}, [${vs.join(",")}])`;
    }
    case "And":
    case "Or": {
      const l = sourceFilterString(e.left);
      const r = sourceFilterString(e.right);
      return l === undefined || r === undefined ? undefined : `${e.kind}(${l},${r})`;
    }
    case "Not": {
      const c = sourceFilterString(e.child);
      return c === undefined ? undefined : `Not(${c})`;
    }
    case "ScalarFunction": {
      const name = STRING_FILTERS[e.name.toLowerCase()];
      const a = e.args[0];
      const v = e.args[1] === undefined ? undefined : literalText(e.args[1]);
      if (name === undefined || a?.kind !== "AttributeReference" || v === undefined)
        return undefined;
      return `${name}(${a.name},${v})`;
    }
    default:
      return undefined;
  }
}

/** Spark's StringUtils.abbreviate for plan metadata (100 characters by default). */
export function abbreviate(s: string, max = 100): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}
