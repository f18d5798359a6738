/**
 * Pushed data filters as Parquet row-group predicates: comparisons of a top-level column
 * with a literal of the column's type, IS [NOT] NULL, IN over literals, AND / OR of those.
 * Anything else is left out (a conjunct left out only makes pruning weaker).
 */
import type { Expression } from "../../catalyst/expressions/expression.ts";
import type { CompareOp, RowGroupPredicate } from "./parquet/index.ts";

const OPS: Readonly<Record<string, CompareOp>> = {
  "=": "=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
};
const FLIP: Readonly<Record<string, CompareOp>> = {
  "=": "=",
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
};

/** The predicate of one filter, or undefined when it cannot be one. */
export function rowGroupPredicate(e: Expression): RowGroupPredicate | undefined {
  switch (e.kind) {
    case "BinaryComparison": {
      const attrLeft = e.left.kind === "AttributeReference";
      const attr = attrLeft ? e.left : e.right;
      const lit = attrLeft ? e.right : e.left;
      if (attr.kind !== "AttributeReference" || lit.kind !== "Literal") return undefined;
      if (lit.value === null || lit.dataType.kind !== attr.dataType.kind) return undefined;
      if (attr.dataType.kind === "decimal" && lit.dataType.kind === "decimal") {
        if (attr.dataType.scale !== lit.dataType.scale) return undefined;
      }
      const op = (attrLeft ? OPS : FLIP)[e.op];
      if (op === undefined) return undefined;
      return { kind: "compare", column: attr.name, op, value: lit.value };
    }
    case "IsNull":
      return e.child.kind === "AttributeReference"
        ? { kind: "isNull", column: e.child.name }
        : undefined;
    case "IsNotNull":
      return e.child.kind === "AttributeReference"
        ? { kind: "isNotNull", column: e.child.name }
        : undefined;
    case "In": {
      const v = e.value;
      if (v.kind !== "AttributeReference") return undefined;
      const values: unknown[] = [];
      for (const x of e.list) {
        if (x.kind !== "Literal" || x.value === null || x.dataType.kind !== v.dataType.kind)
          return undefined;
        values.push(x.value);
      }
      return { kind: "in", column: v.name, values };
    }
    case "And":
    case "Or": {
      const l = rowGroupPredicate(e.left);
      const r = rowGroupPredicate(e.right);
      if (e.kind === "And") {
        if (l === undefined) return r;
        if (r === undefined) return l;
        return { kind: "and", children: [l, r] };
      }
      return l === undefined || r === undefined ? undefined : { kind: "or", children: [l, r] };
    }
    default:
      return undefined;
  }
}

/** The predicates of the filters that translate. */
export function rowGroupPredicates(filters: readonly Expression[]): RowGroupPredicate[] {
  const out: RowGroupPredicate[] = [];
  for (const f of filters) {
    const p = rowGroupPredicate(f);
    if (p !== undefined) out.push(p);
  }
  return out;
}
