/**
 * Spark's `treeString` for logical plans as EXPLAIN prints them, and the expression
 * printer it needs (Spark's `Expression.toString` forms: `(a#1 + 1)`, `cast(x#1 as int)`,
 * `sum(x#1) AS sum(x)#5L`, `'a` for unresolved names).
 *
 * The tree layout is generic (`renderTree`) so the physical planner can reuse it: each node
 * gives its one-line text, its inner children (subquery plans, printed behind `:  `) and
 * its children.
 */
import {
  assertNever,
  type DataType,
  quoteIdentifier,
  simpleString,
} from "../../types/data-types.ts";
import type {
  Expression,
  FrameBoundary,
  SortOrder,
  WindowSpec,
} from "../expressions/expression.ts";
import { dataTypeOf } from "../expressions/typing.ts";
import { foreachExpr } from "../trees/expression-tree.ts";
import { planChildren, planExpressions } from "../trees/plan-tree.ts";
import type { LogicalPlan } from "./logical-plan.ts";
import { outputOf } from "./output.ts";

// ---------------------------------------------------------------------------------------
// Generic tree layout

/** How to print one node of any tree. */
export interface TreeNodeText<T> {
  readonly text: (node: T) => string;
  readonly children: (node: T) => readonly T[];
  /** Trees hanging off a node that are not its children (subqueries), printed first. */
  readonly innerChildren?: (node: T) => readonly T[];
}

/**
 * Lays out a tree as Spark does: `+- ` before a last child, `:- ` before the others, and
 * `:  ` / `   ` continuing the lines of ancestors. Ends with a newline, as Spark's.
 */
export function renderTree<T>(root: T, printer: TreeNodeText<T>): string {
  const out: string[] = [];
  const visit = (node: T, lastChildren: readonly boolean[]): void => {
    let prefix = "";
    if (lastChildren.length > 0) {
      for (let i = 0; i < lastChildren.length - 1; i++) prefix += lastChildren[i] ? "   " : ":  ";
      prefix += lastChildren[lastChildren.length - 1] ? "+- " : ":- ";
    }
    out.push(`${prefix}${printer.text(node)}\n`);
    const inner = printer.innerChildren ? printer.innerChildren(node) : [];
    const kids = printer.children(node);
    inner.forEach((c, i) => {
      visit(c, [...lastChildren, kids.length === 0, i === inner.length - 1]);
    });
    kids.forEach((c, i) => {
      visit(c, [...lastChildren, i === kids.length - 1]);
    });
  };
  visit(root, []);
  return out.join("");
}

// ---------------------------------------------------------------------------------------
// Values

/** Java's `Double.toString` (what Spark prints for doubles): `1.0`, `1.5E10`, `NaN`. */
export function javaDoubleString(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "Infinity";
  if (v === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(v);
    return s.includes(".") ? s : `${s}.0`;
  }
  const [mant = "", exp = "0"] = v.toExponential().split("e");
  const m = mant.includes(".") ? mant : `${mant}.0`;
  return `${m}E${exp.startsWith("+") ? exp.slice(1) : exp}`;
}

/** Java's `Float.toString`: the shortest digits that identify the float (`0.1`, not `0.10000000149011612`). */
export function javaFloatString(v: number): string {
  if (!Number.isFinite(v) || v === 0) return javaDoubleString(v);
  for (let p = 1; p <= 9; p++) {
    const x = Number(v.toPrecision(p));
    if (Math.fround(x) === v) return javaDoubleString(x);
  }
  return javaDoubleString(v);
}

/** A decimal's unscaled bigint rendered with its scale: `1.50`. */
export function decimalString(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  let digits = (neg ? -unscaled : unscaled).toString();
  if (scale <= 0) return `${neg ? "-" : ""}${digits}${"0".repeat(-scale)}`;
  if (digits.length <= scale) digits = "0".repeat(scale - digits.length + 1) + digits;
  const cut = digits.length - scale;
  return `${neg ? "-" : ""}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** Days since the epoch as `yyyy-mm-dd`. */
export function dateString(days: number): string {
  const d = new Date(days * 86_400_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Microseconds since the epoch as `yyyy-mm-dd hh:mm:ss[.ffffff]` (UTC wall clock). */
export function timestampString(micros: bigint): string {
  const ms = Number(micros / 1000n);
  const frac = Number(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n);
  const d = new Date(ms - (((ms % 1000) + 1000) % 1000));
  const base = `${dateString(Math.floor(ms / 86_400_000))} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (frac === 0) return base;
  return `${base}.${String(frac).padStart(6, "0").replace(/0+$/, "")}`;
}

/** A literal value as Spark's `Literal.toString` prints it (strings bare, null as `null`). */
export function literalValueString(value: unknown, t: DataType): string {
  if (value === null || value === undefined) return "null";
  switch (t.kind) {
    case "double":
      return javaDoubleString(value as number);
    case "float":
      return javaFloatString(value as number);
    case "decimal":
      return decimalString(value as bigint, t.scale);
    case "date":
      return dateString(value as number);
    case "timestamp":
    case "timestamp_ntz":
      return timestampString(value as bigint);
    case "binary":
      return `0x${[...(value as Uint8Array)].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("")}`;
    case "array": {
      const xs = value as readonly unknown[];
      return `[${xs.map((x) => literalValueString(x, t.elementType)).join(",")}]`;
    }
    case "struct": {
      const xs = value as readonly unknown[];
      return `[${xs.map((x, i) => literalValueString(x, t.fields[i]?.dataType ?? t)).join(",")}]`;
    }
    case "map": {
      const m = value as { keys: readonly unknown[]; values: readonly unknown[] };
      const keys = m.keys.map((k) => literalValueString(k, t.keyType));
      const vals = m.values.map((v) => literalValueString(v, t.valueType));
      return `keys: [${keys.join(",")}], values: [${vals.join(",")}]`;
    }
    default:
      return String(value);
  }
}

// ---------------------------------------------------------------------------------------
// Expressions (Spark's Expression.toString)

function nameParts(parts: readonly string[]): string {
  return parts.map((p) => (p.includes(".") ? quoteIdentifier(p) : p)).join(".");
}

function typeSuffix(t: DataType): string {
  return t.kind === "long" ? "L" : "";
}

function aliasSuffix(e: Expression): string {
  try {
    return typeSuffix(dataTypeOf(e));
  } catch {
    return "";
  }
}

function list(es: readonly Expression[], sep = ", "): string {
  return es.map(exprString).join(sep);
}

function boundaryString(b: FrameBoundary): string {
  switch (b.type) {
    case "UNBOUNDED PRECEDING":
      return "unboundedpreceding$()";
    case "UNBOUNDED FOLLOWING":
      return "unboundedfollowing$()";
    case "CURRENT ROW":
      return "currentrow$()";
    case "OFFSET":
      return b.offset ? exprString(b.offset) : "0";
    default:
      return assertNever(b.type, "frame boundary");
  }
}

function specString(s: WindowSpec): string {
  const parts: string[] = [...s.partitionSpec.map(exprString), ...s.orderSpec.map(exprString)];
  parts.push(
    s.frame
      ? `specifiedwindowframe(${s.frame.frameType === "ROWS" ? "RowFrame" : "RangeFrame"}, ${boundaryString(s.frame.lower)}, ${boundaryString(s.frame.upper)})`
      : "unspecifiedframe$()",
  );
  return `windowspecdefinition(${parts.join(", ")})`;
}

function sortOrderString(s: SortOrder): string {
  return `${exprString(s.child)} ${s.direction} ${s.nullOrdering}`;
}

/** Spark's `Expression.toString` for one expression tree. */
export function exprString(e: Expression): string {
  switch (e.kind) {
    case "Literal":
      return literalValueString(e.value, e.dataType);
    case "AttributeReference":
      return `${e.name}#${e.exprId}${typeSuffix(e.dataType)}`;
    case "BoundReference":
      return `input[${e.ordinal}, ${simpleString(e.dataType)}, ${e.nullable}]`;
    case "OuterReference":
      return `outer(${exprString(e.child)})`;
    case "NamedLambdaVariable":
      return `lambda ${e.name}#${e.exprId}${typeSuffix(e.dataType)}`;
    case "UnresolvedAttribute":
      return `'${nameParts(e.nameParts)}`;
    case "UnresolvedStar":
      return e.target ? `${nameParts(e.target)}.*` : "*";
    case "UnresolvedFunction": {
      const distinct = e.isDistinct ? "distinct " : "";
      const base = `'${nameParts(e.nameParts)}(${distinct}${list(e.args)})`;
      return e.filter ? `${base} FILTER (WHERE ${exprString(e.filter)})` : base;
    }
    case "UnresolvedAlias":
      return `unresolvedalias(${exprString(e.child)})`;
    case "UnresolvedExtractValue":
      return `${exprString(e.child)}[${exprString(e.extraction)}]`;
    case "UnresolvedNamedLambdaVariable":
      return `lambda '${nameParts(e.nameParts)}`;
    case "Parameter":
      return e.name !== null ? `:${e.name}` : "?";
    case "Alias":
      return `${exprString(e.child)} AS ${e.name}#${e.exprId}${aliasSuffix(e.child)}`;
    case "BinaryArithmetic":
      if (e.op === "pmod") return `pmod(${exprString(e.left)}, ${exprString(e.right)})`;
      return `(${exprString(e.left)} ${e.op} ${exprString(e.right)})`;
    case "UnaryMinus":
      return `-${exprString(e.child)}`;
    case "BinaryComparison":
      return `(${exprString(e.left)} ${e.op} ${exprString(e.right)})`;
    case "And":
      return `(${exprString(e.left)} AND ${exprString(e.right)})`;
    case "Or":
      return `(${exprString(e.left)} OR ${exprString(e.right)})`;
    case "Not":
      return `NOT ${exprString(e.child)}`;
    case "IsNull":
      return `isnull(${exprString(e.child)})`;
    case "IsNotNull":
      return `isnotnull(${exprString(e.child)})`;
    case "In":
      return `${exprString(e.value)} IN (${list(e.list, ",")})`;
    case "InSet": {
      let t: DataType | undefined;
      try {
        t = dataTypeOf(e.child);
      } catch {
        t = undefined;
      }
      const vals = e.values.map((v) => (t ? literalValueString(v, t) : String(v)));
      if (e.hasNull) vals.push("null");
      return `${exprString(e.child)} INSET ${vals.join(", ")}`;
    }
    case "Like": {
      if (e.caseInsensitive) {
        return `ilike(${exprString(e.left)}, ${exprString(e.right)}, ${e.escapeChar})`;
      }
      const esc = e.escapeChar === "\\" ? "" : ` ESCAPE '${e.escapeChar}'`;
      return `${exprString(e.left)} LIKE ${exprString(e.right)}${esc}`;
    }
    case "RLike":
      return `RLIKE(${exprString(e.left)}, ${exprString(e.right)})`;
    case "CaseWhen": {
      const ws = e.branches.map(([w, t]) => ` WHEN ${exprString(w)} THEN ${exprString(t)}`);
      const el = e.elseValue ? ` ELSE ${exprString(e.elseValue)}` : "";
      return `CASE${ws.join("")}${el} END`;
    }
    case "If":
      return `if (${exprString(e.predicate)}) ${exprString(e.trueValue)} else ${exprString(e.falseValue)}`;
    case "Coalesce":
      return `coalesce(${list(e.children)})`;
    case "Cast": {
      const fn = e.evalMode === "TRY" ? "try_cast" : "cast";
      return `${fn}(${exprString(e.child)} as ${simpleString(e.dataType)})`;
    }
    case "SortOrder":
      return sortOrderString(e);
    case "GetStructField":
      return `${exprString(e.child)}.${e.name}`;
    case "GetArrayItem":
      return `${exprString(e.child)}[${exprString(e.ordinal)}]`;
    case "GetMapValue":
      return `${exprString(e.child)}[${exprString(e.key)}]`;
    case "ScalarFunction":
      return `${e.name}(${list(e.args)})`;
    case "LambdaFunction":
      return `lambdafunction(${exprString(e.body)}, ${list(e.params)}, false)`;
    case "AggregateFunction":
      return `${e.name}(${list(e.args)})`;
    case "AggregateExpression": {
      const prefix = e.mode === "Partial" ? "partial_" : e.mode === "PartialMerge" ? "merge_" : "";
      const distinct = e.isDistinct ? "distinct " : "";
      const base = `${prefix}${e.fn.name}(${distinct}${list(e.fn.args)})`;
      return e.filter ? `${base} FILTER (WHERE ${exprString(e.filter)})` : base;
    }
    case "WindowFunction":
      return `${e.name}(${list(e.args)})`;
    case "WindowExpression":
      return `${exprString(e.fn)} ${specString(e.spec)}`;
    case "WindowSpec":
      return specString(e);
    case "FrameBoundary":
      return boundaryString(e);
    case "Generator":
      return `${e.name}(${list(e.args)})`;
    case "ScalarSubquery":
      return `scalar-subquery#${e.exprId} [${list(e.outerAttrs, " && ")}]`;
    case "Exists":
      return `exists#${e.exprId} [${list(e.outerAttrs, " && ")}]`;
    case "ListQuery":
      return `list#${e.exprId} [${list(e.outerAttrs, " && ")}]`;
    case "InSubquery": {
      const vals = e.values.length === 1 ? list(e.values) : `named_struct(${list(e.values)})`;
      return `${vals} IN (${exprString(e.query)})`;
    }
    default:
      return assertNever(e, "expression");
  }
}

// ---------------------------------------------------------------------------------------
// Logical plans

function isPlanResolved(p: LogicalPlan): boolean {
  switch (p.kind) {
    case "UnresolvedRelation":
    case "UnresolvedHint":
    case "WithColumns":
    case "WithColumnsRenamed":
    case "DropColumns":
    case "NaFill":
    case "NaDrop":
    case "Describe":
    case "Pivot":
    case "Unpivot":
      return false;
    default:
      break;
  }
  let ok = true;
  for (const e of planExpressions(p)) {
    foreachExpr(e, (x) => {
      switch (x.kind) {
        case "UnresolvedAttribute":
        case "UnresolvedStar":
        case "UnresolvedFunction":
        case "UnresolvedAlias":
        case "UnresolvedExtractValue":
        case "UnresolvedNamedLambdaVariable":
        case "Parameter":
          ok = false;
          break;
        default:
          break;
      }
    });
    if (!ok) return false;
  }
  return planChildren(p).every(isPlanResolved);
}

/**
 * Spark's `truncatedString` with its default `spark.sql.debug.maxToStringFields` (25):
 * long lists print their first 25 items and `... N more fields`.
 */
export function truncatedList(items: readonly string[], sep = ", ", maxFields = 26): string {
  if (items.length <= maxFields) return items.join(sep);
  const shown = maxFields - 1;
  return `${items.slice(0, shown).join(sep)}${sep}... ${items.length - shown} more fields`;
}

function bracket(es: readonly Expression[], sep = ", "): string {
  return `[${truncatedList(es.map(exprString), sep)}]`;
}

function attrList(es: readonly Expression[], sep = ", "): string {
  return bracket(es, sep);
}

/** Spark's `simpleString` of one logical plan node (without the `'` prefix). */
export function planNodeString(p: LogicalPlan): string {
  switch (p.kind) {
    case "LocalRelation":
      return p.rows.length === 0 && p.output.length > 0
        ? `LocalRelation <empty>, ${attrList(p.output)}`
        : `LocalRelation ${attrList(p.output)}`;
    case "Range":
      return `Range (${p.start}, ${p.end}, step=${p.step}, splits=${p.numSlices === null ? "None" : `Some(${p.numSlices})`})`;
    case "OneRowRelation":
      return "OneRowRelation";
    case "UnresolvedRelation":
      return `UnresolvedRelation [${p.nameParts.join(", ")}], [${Object.entries(p.options)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")}], false`;
    case "CachedRelation":
      return `InMemoryRelation ${attrList(p.output)}, ${p.storageLevel}`;
    case "FileRelation":
      return `Relation ${bracket(p.output, ",")} ${p.format}`;
    case "CteRelationRef":
      return `CTERelationRef ${p.cteId}, true, ${attrList(p.output)}, false, false`;
    case "Project":
      return p.projectList.length ? `Project ${bracket(p.projectList)}` : "Project";
    case "Filter":
      return `Filter ${exprString(p.condition)}`;
    case "Aggregate":
      return p.groupingExpressions.length
        ? `Aggregate ${bracket(p.groupingExpressions)}, ${bracket(p.aggregateExpressions)}`
        : `Aggregate ${bracket(p.aggregateExpressions)}`;
    case "Sort":
      return `Sort ${bracket(p.order)}, ${p.global}`;
    case "GlobalLimit":
      return `GlobalLimit ${exprString(p.limit)}`;
    case "LocalLimit":
      return `LocalLimit ${exprString(p.limit)}`;
    case "Offset":
      return `Offset ${exprString(p.offset)}`;
    case "Distinct":
      return "Distinct";
    case "Deduplicate":
      return `Deduplicate ${bracket(p.keys)}`;
    case "Window": {
      const parts = [bracket(p.windowExpressions)];
      if (p.partitionSpec.length) parts.push(bracket(p.partitionSpec));
      if (p.orderSpec.length) parts.push(bracket(p.orderSpec));
      return `Window ${parts.join(", ")}`;
    }
    case "SubqueryAlias":
      return `SubqueryAlias ${p.identifier.join(".")}`;
    case "Repartition":
      return `Repartition ${p.numPartitions}, ${p.shuffle}`;
    case "RepartitionByExpression":
      return p.numPartitions === null
        ? `RepartitionByExpression ${bracket(p.partitionExpressions)}`
        : `RepartitionByExpression ${bracket(p.partitionExpressions)}, ${p.numPartitions}`;
    case "Sample":
      return `Sample ${javaDoubleString(p.lowerBound)}, ${javaDoubleString(p.upperBound)}, ${p.withReplacement}, ${p.seed}, ${p.withReplacement ? "Poisson" : "Bernoulli"}`;
    case "Expand":
      return `Expand [${p.projections.map((ps) => bracket(ps)).join(", ")}], ${attrList(p.output)}`;
    case "Generate": {
      const parts = [exprString(p.generator)];
      if (p.unrequiredChildIndex.length) parts.push(`[${p.unrequiredChildIndex.join(", ")}]`);
      parts.push(String(p.outer));
      if (p.qualifier !== null) parts.push(p.qualifier);
      parts.push(attrList(p.generatorOutput));
      return `Generate ${parts.join(", ")}`;
    }
    case "UnresolvedHint":
      return p.parameters.length
        ? `UnresolvedHint ${p.name}, ${bracket(p.parameters)}`
        : `UnresolvedHint ${p.name}`;
    case "ResolvedHint":
      return `ResolvedHint (strategy=${p.strategy.toLowerCase()})`;
    case "WithCte":
      return "WithCTE";
    case "WithColumns":
      return `WithColumns [${p.names.join(", ")}], ${bracket(p.exprs)}`;
    case "WithColumnsRenamed":
      return `WithColumnsRenamed [${p.renames.map(([a, b]) => `${a} -> ${b}`).join(", ")}]`;
    case "DropColumns":
      return `DropColumns ${bracket(p.columns)}`;
    case "Pivot":
      return `Pivot ${p.groupBy === null ? "ArrayBuffer()" : bracket(p.groupBy)}, ${bracket([p.pivotColumn])}, ${bracket(p.values)}, ${bracket(p.aggregates)}`;
    case "Unpivot":
      return `Unpivot ${p.ids === null ? "None" : bracket(p.ids)}, ${p.columns.map((c) => bracket(c)).join(", ")}, ${p.nameColumn}, [${p.valueColumnNames.join(", ")}]`;
    case "NaFill":
      return `NaFill [${p.columns.map((c) => c ?? "*").join(", ")}], ${bracket(p.values)}`;
    case "Describe":
      return `Describe [${(p.columns ?? ["*"]).join(", ")}]`;
    case "NaDrop":
      return `NaDrop ${p.how}, ${p.minNonNulls ?? "None"}, [${(p.columns ?? ["*"]).join(", ")}]`;
    case "Join":
      return p.condition
        ? `Join ${p.joinType}, ${exprString(p.condition)}`
        : p.usingColumns
          ? `Join UsingJoin(${p.joinType}, [${p.usingColumns.join(", ")}])`
          : `Join ${p.joinType}`;
    case "Union":
      return `Union ${p.byName}, ${p.allowMissingColumns}`;
    case "Intersect":
      return p.isAll ? "Intersect All true" : "Intersect false";
    case "Except":
      return p.isAll ? "Except All true" : "Except false";
    default:
      return assertNever(p, "logical plan");
  }
}

/** Plans inside this node's expressions (subqueries), printed as inner children. */
function subqueryPlans(p: LogicalPlan): LogicalPlan[] {
  const out: LogicalPlan[] = [];
  for (const e of planExpressions(p)) {
    foreachExpr(e, (x) => {
      if (x.kind === "ScalarSubquery" || x.kind === "Exists" || x.kind === "ListQuery") {
        out.push(x.plan);
      }
    });
  }
  return out;
}

/** A pseudo-node so CTE definitions print as `CTERelationDef id, false` children. */
type PrintNode =
  | { readonly tag: "plan"; readonly plan: LogicalPlan }
  | { readonly tag: "cteDef"; readonly id: number; readonly plan: LogicalPlan };

const LOGICAL_PRINTER: TreeNodeText<PrintNode> = {
  text: (n) => {
    if (n.tag === "cteDef") return `CTERelationDef ${n.id}, false`;
    const s = planNodeString(n.plan);
    return isPlanResolved(n.plan) ? s : `'${s}`;
  },
  children: (n) => {
    if (n.tag === "cteDef") return [{ tag: "plan", plan: n.plan }];
    const p = n.plan;
    if (p.kind === "WithCte") {
      return [
        ...p.ctes.map((d): PrintNode => ({ tag: "cteDef", id: d.id, plan: d.plan })),
        { tag: "plan", plan: p.child },
      ];
    }
    return planChildren(p).map((c): PrintNode => ({ tag: "plan", plan: c }));
  },
  innerChildren: (n) =>
    n.tag === "plan" ? subqueryPlans(n.plan).map((c): PrintNode => ({ tag: "plan", plan: c })) : [],
};

/** The schema line EXPLAIN prints above an analyzed plan: `a: int, s: bigint`. */
export function schemaString(plan: LogicalPlan): string {
  return truncatedList(outputOf(plan).map((a) => `${a.name}: ${simpleString(a.dataType)}`));
}

/** Spark's `LogicalPlan.treeString`: one node per line, ending with a newline. */
export function treeString(plan: LogicalPlan): string {
  return renderTree<PrintNode>({ tag: "plan", plan }, LOGICAL_PRINTER);
}
