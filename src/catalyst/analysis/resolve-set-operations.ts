/**
 * Set operations (UNION, INTERSECT, EXCEPT): `unionByName` children are first reordered to
 * the first child's column names (missing columns as NULL when allowed); then every
 * child must have as many columns as the first (NUM_COLUMNS_MISMATCH), and each column
 * is widened to the children's wider common type (INCOMPATIBLE_COLUMN_TYPE when there is
 * none) by a Project of implicit casts over the children that need it:
 *
 *   Union                                  Union
 *   :- Project [a#1]  (int)       =>       :- Project [cast(a#1 as double) AS a#9]
 *   +- Project [c#2]  (double)             +- Project [c#2]
 */
import { FlintError } from "../../errors/index.ts";
import { type DataType, NullT, sameTypeIgnoringNullability } from "../../types/data-types.ts";
import type { AttributeReference, Expression } from "../expressions/expression.ts";
import { alias, literal } from "../expressions/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { resolverFor } from "./context.ts";
import { isPlanResolved } from "./plan-utils.ts";
import { toSqlType } from "./pretty-sql.ts";
import type { AnalyzerRule } from "./rule.ts";
import { unresolvedColumnError } from "./suggestions.ts";
import { findWiderCommonType, implicitCast } from "./type-coercion/common-type.ts";

export function ordinalWord(i: number): string {
  const words = ["first", "second", "third"];
  return words[i] ?? `${i + 1}th`;
}

function project(list: readonly Expression[], child: LogicalPlan): LogicalPlan {
  return Object.freeze({ kind: "Project", projectList: Object.freeze([...list]), child });
}

function byName(
  children: readonly LogicalPlan[],
  allowMissing: boolean,
  eq: (a: string, b: string) => boolean,
): LogicalPlan[] {
  const outs = children.map(outputOf);
  const names: string[] = (outs[0] ?? []).map((a) => a.name);
  if (allowMissing) {
    for (const o of outs.slice(1)) {
      for (const a of o) if (!names.some((n) => eq(n, a.name))) names.push(a.name);
    }
  }
  return children.map((c, ci) => {
    const out = outs[ci] ?? [];
    const list: Expression[] = names.map((n) => {
      const a = out.find((x) => eq(x.name, n));
      if (a) return a;
      if (!allowMissing) throw unresolvedColumnError([n], out);
      const typeFrom = outs.flatMap((o) => o.filter((x) => eq(x.name, n)))[0];
      return alias(literal(null, typeFrom?.dataType ?? NullT), n);
    });
    const same = list.length === out.length && list.every((e, i) => e === out[i]);
    return same ? c : project(list, c);
  });
}

/** Checks column counts and widens column types across set-operation children. */
export function widenChildren(operator: string, children: readonly LogicalPlan[]): LogicalPlan[] {
  const outs = children.map(outputOf);
  const first = outs[0] ?? [];
  outs.forEach((o, i) => {
    if (i > 0 && o.length !== first.length) {
      throw new FlintError("NUM_COLUMNS_MISMATCH", {
        operator,
        firstNumColumns: String(first.length),
        invalidOrdinalNum: ordinalWord(i),
        invalidNumColumns: String(o.length),
      });
    }
  });
  const targets: DataType[] = first.map((a, col) => {
    let acc: DataType = a.dataType;
    for (let i = 1; i < outs.length; i++) {
      const t = (outs[i] as readonly AttributeReference[])[col]?.dataType ?? NullT;
      const w = findWiderCommonType([acc, t]);
      if (!w) {
        throw new FlintError("INCOMPATIBLE_COLUMN_TYPE", {
          operator,
          columnOrdinalNumber: ordinalWord(col),
          tableOrdinalNumber: ordinalWord(i),
          dataType1: toSqlType(t),
          dataType2: toSqlType(acc),
          hint: "",
        });
      }
      acc = w;
    }
    return acc;
  });
  return children.map((c, i) => {
    const out = outs[i] ?? [];
    if (out.every((a, col) => sameTypeIgnoringNullability(a.dataType, targets[col] as DataType)))
      return c;
    return project(
      out.map((a, col) => {
        const t = targets[col] as DataType;
        return sameTypeIgnoringNullability(a.dataType, t) ? a : alias(implicitCast(a, t), a.name);
      }),
      c,
    );
  });
}

function same(a: readonly LogicalPlan[], b: readonly LogicalPlan[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export const ResolveSetOperations: AnalyzerRule = {
  name: "ResolveSetOperations",
  apply: (plan, ctx) =>
    transformPlanUp(plan, (p) => {
      if (p.kind === "Union") {
        if (!p.children.every(isPlanResolved)) return undefined;
        if (p.byName) {
          const kids = byName(p.children, p.allowMissingColumns, resolverFor(ctx.config));
          return Object.freeze({
            ...p,
            children: Object.freeze(kids),
            byName: false,
            allowMissingColumns: false,
          });
        }
        const kids = widenChildren("UNION", p.children);
        return same(kids, p.children)
          ? undefined
          : Object.freeze({ ...p, children: Object.freeze(kids) });
      }
      if (p.kind === "Intersect" || p.kind === "Except") {
        if (!isPlanResolved(p.left) || !isPlanResolved(p.right)) return undefined;
        const op = p.kind === "Intersect" ? "INTERSECT" : "EXCEPT";
        const [l, r] = widenChildren(p.isAll ? `${op} ALL` : op, [p.left, p.right]);
        if (!l || !r || (l === p.left && r === p.right)) return undefined;
        return Object.freeze({ ...p, left: l, right: r });
      }
      return undefined;
    }),
};
