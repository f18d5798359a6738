/**
 * Helpers for the optimizer's rule tests: the shared test relations, a compact plan
 * printer with normalised expression ids, and a runner holding only the rules under test
 * (as Spark's rule suites do). Not used by production code.
 */
import assert from "node:assert/strict";
import {
  type DataType,
  IntegerT,
  simpleString,
  structField,
  structType,
} from "../../types/data-types.ts";
import type { AttributeReference, Expression } from "../expressions/expression.ts";
import { attribute } from "../expressions/factories.ts";
import { localRelation } from "../plans/factories.ts";
import type { FileRelation, LocalRelation, LogicalPlan } from "../plans/logical-plan.ts";
import { planChildren } from "../trees/plan-tree.ts";
import { confOf, type OptimizerContext, type Rule } from "./rule.ts";
import { type Batch, executeBatches } from "./rule-executor.ts";

export interface TestRelation {
  readonly plan: FileRelation;
  readonly a: AttributeReference;
  readonly b: AttributeReference;
  readonly c: AttributeReference;
}

/**
 * A fresh table `(a int, b int, c int)` of nullable columns, as a file relation of
 * unknown size and row count (like the parquet tables Spark's expected plans come from).
 */
export function testRelation(
  names: readonly [string, string, string] = ["a", "b", "c"],
): TestRelation {
  const a = attribute(names[0], IntegerT);
  const b = attribute(names[1], IntegerT);
  const c = attribute(names[2], IntegerT);
  const schema = structType([a, b, c].map((x) => structField(x.name, x.dataType, true)));
  const plan: FileRelation = Object.freeze({
    kind: "FileRelation",
    format: "parquet",
    paths: [],
    options: {},
    dataSchema: schema,
    partitionSchema: structType([]),
    output: Object.freeze([a, b, c]),
    pushedFilters: [],
    sizeInBytes: null,
  });
  return { plan, a, b, c };
}

export function relationOf(cols: readonly [string, DataType, boolean?][]): LocalRelation {
  return localRelation(
    cols.map(([n, t, nullable]) => attribute(n, t, nullable ?? true)),
    [],
  );
}

export function testContext(conf: Readonly<Record<string, string>> = {}): OptimizerContext {
  return { conf: confOf(conf), testMode: true };
}

/** Runs `rules` to a fixed point (100 iterations), checking integrity after each. */
export function runRules(
  plan: LogicalPlan,
  rules: readonly Rule[],
  ctx: OptimizerContext = testContext(),
): LogicalPlan {
  const batch: Batch = { name: "test", strategy: { fixedPoint: 100 }, rules };
  return executeBatches([batch], plan, ctx).plan;
}

function literalText(value: unknown, t: DataType): string {
  if (value === null) return "null";
  if (t.kind === "string") return String(value);
  if (typeof value === "bigint") return t.kind === "long" ? `${value}L` : String(value);
  return String(value);
}

/** A compact, Spark-like rendering of an expression (tests only). */
export function exprText(e: Expression): string {
  const t = exprText;
  switch (e.kind) {
    case "Literal":
      return literalText(e.value, e.dataType);
    case "AttributeReference":
      return `${e.name}#${e.exprId}`;
    case "Alias":
      return `${t(e.child)} AS ${e.name}#${e.exprId}`;
    case "BinaryArithmetic":
    case "BinaryComparison":
      return `(${t(e.left)} ${e.op} ${t(e.right)})`;
    case "And":
      return `(${t(e.left)} AND ${t(e.right)})`;
    case "Or":
      return `(${t(e.left)} OR ${t(e.right)})`;
    case "Not":
      return `NOT ${t(e.child)}`;
    case "IsNull":
      return `isnull(${t(e.child)})`;
    case "IsNotNull":
      return `isnotnull(${t(e.child)})`;
    case "UnaryMinus":
      return `-${t(e.child)}`;
    case "In":
      return `${t(e.value)} IN (${e.list.map(t).join(",")})`;
    case "InSet":
      return `${t(e.child)} INSET ${[...e.values.map(String), ...(e.hasNull ? ["null"] : [])].join(", ")}`;
    case "Like":
      return `${t(e.left)} LIKE ${t(e.right)}`;
    case "RLike":
      return `RLIKE(${t(e.left)}, ${t(e.right)})`;
    case "CaseWhen":
      return `CASE ${e.branches.map(([w, v]) => `WHEN ${t(w)} THEN ${t(v)}`).join(" ")}${e.elseValue ? ` ELSE ${t(e.elseValue)}` : ""} END`;
    case "If":
      return `if (${t(e.predicate)}) ${t(e.trueValue)} else ${t(e.falseValue)}`;
    case "Coalesce":
      return `coalesce(${e.children.map(t).join(", ")})`;
    case "Cast":
      return `cast(${t(e.child)} as ${simpleString(e.dataType)})`;
    case "SortOrder":
      return `${t(e.child)} ${e.direction} ${e.nullOrdering}`;
    case "ScalarFunction":
    case "AggregateFunction":
    case "WindowFunction":
    case "Generator":
      return `${e.name}(${e.args.map(t).join(", ")})`;
    case "AggregateExpression":
      return `${e.fn.name}(${e.isDistinct ? "distinct " : ""}${e.fn.args.map(t).join(", ")})${e.filter ? ` FILTER (WHERE ${t(e.filter)})` : ""}`;
    case "WindowExpression":
      return `${t(e.fn)} windowspecdefinition(${e.spec.partitionSpec.map(t).join(", ")})`;
    case "ScalarSubquery":
      return `scalar-subquery#${e.exprId} [${e.outerAttrs.map(t).join(", ")}]`;
    case "Exists":
      return `exists#${e.exprId} [${e.outerAttrs.map(t).join(", ")}]`;
    case "ListQuery":
      return `list#${e.exprId} [${e.outerAttrs.map(t).join(", ")}]`;
    case "InSubquery":
      return `${e.values.map(t).join(", ")} IN (${t(e.query)})`;
    case "OuterReference":
      return `outer(${t(e.child)})`;
    default:
      return e.kind;
  }
}

function list(es: readonly Expression[]): string {
  return `[${es.map(exprText).join(", ")}]`;
}

function nodeText(p: LogicalPlan): string {
  switch (p.kind) {
    case "FileRelation":
      return `Relation [${p.output.map(exprText).join(",")}] ${p.format}`;
    case "LocalRelation":
    case "CachedRelation":
    case "CteRelationRef":
      return `${p.kind} ${list(p.output)}`;
    case "Range":
      return `Range (${p.start}, ${p.end}, step=${p.step})`;
    case "Project":
      return `Project ${list(p.projectList)}`;
    case "Filter":
      return `Filter ${exprText(p.condition)}`;
    case "Aggregate":
      return `Aggregate ${list(p.groupingExpressions)}, ${list(p.aggregateExpressions)}`;
    case "Sort":
      return `Sort ${list(p.order)}, ${p.global}`;
    case "GlobalLimit":
    case "LocalLimit":
      return `${p.kind} ${exprText(p.limit)}`;
    case "Offset":
      return `Offset ${exprText(p.offset)}`;
    case "Deduplicate":
      return `Deduplicate ${list(p.keys)}`;
    case "Window":
      return `Window ${list(p.windowExpressions)}, ${list(p.partitionSpec)}, ${list(p.orderSpec)}`;
    case "SubqueryAlias":
      return `SubqueryAlias ${p.identifier.join(".")}`;
    case "Repartition":
      return `Repartition ${p.numPartitions}, ${p.shuffle}`;
    case "RepartitionByExpression":
      return `RepartitionByExpression ${list(p.partitionExpressions)}, ${p.numPartitions}`;
    case "Join":
      return `Join ${p.joinType}${p.condition ? `, ${exprText(p.condition)}` : ""}`;
    case "Union":
      return `Union ${p.byName}, ${p.allowMissingColumns}`;
    case "Intersect":
    case "Except":
      return `${p.kind} ${p.isAll}`;
    case "Expand":
      return `Expand [${p.projections.map(list).join(", ")}], ${list(p.output)}`;
    case "Generate":
      return `Generate ${exprText(p.generator)}, ${list(p.generatorOutput)}`;
    default:
      return p.kind;
  }
}

/** A plan as indented lines; ids normalised to the order they first appear. */
export function planText(plan: LogicalPlan): string {
  const lines: string[] = [];
  const visit = (p: LogicalPlan, prefix: string, last: boolean, root: boolean) => {
    lines.push(`${root ? "" : `${prefix}${last ? "+- " : ":- "}`}${nodeText(p)}`);
    const kids = planChildren(p);
    const next = root ? "" : `${prefix}${last ? "   " : ":  "}`;
    kids.forEach((c, i) => {
      visit(c, next, i === kids.length - 1, false);
    });
  };
  visit(plan, "", true, true);
  const ids = new Map<string, number>();
  return lines.join("\n").replace(/#(\d+)/g, (_, id: string) => {
    let n = ids.get(id);
    if (n === undefined) {
      n = ids.size;
      ids.set(id, n);
    }
    return `#${n}`;
  });
}

/** Asserts two plans print the same, up to expression ids (Spark's comparePlans). */
export function assertSamePlan(actual: LogicalPlan, expected: LogicalPlan): void {
  assert.equal(planText(actual), planText(expected));
}
