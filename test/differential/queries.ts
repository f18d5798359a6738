/**
 * Random SQL queries over the tables of data.ts, written in the dialect Spark and DuckDB
 * share (the only per-dialect text is the semi/anti join keyword).
 *
 * Excluded on purpose, because the two engines' semantics differ there (each exclusion
 * is a genuine difference, not a Flint bug):
 * - `/` and `%` only by non-zero literals: ANSI Spark raises DIVIDE_BY_ZERO where DuckDB
 *   returns NULL.
 * - no casts from fractional types to integral ones: Spark truncates, DuckDB rounds.
 * - no casts of doubles or timestamps to strings: the text forms differ (`1.0E10`).
 * - every ORDER BY key says NULLS FIRST or NULLS LAST: the defaults differ (Spark puts
 *   nulls first ascending, DuckDB last).
 * - concatenation only with `||`: DuckDB's concat() skips nulls, Spark's returns null.
 * - substring positions from 1: position 0 differs.
 * - domains are small so that nothing overflows (both engines raise, with different
 *   errors).
 * - avg of decimals: Spark gives a decimal rounded to scale + 4, DuckDB a double; the
 *   comparison allows 1e-6.
 * - LIMIT only after an ORDER BY over every output column (else the rows kept are not
 *   determined).
 */
import { COLUMNS, type ColType, int, pick, STRINGS } from "./data.ts";

/** How a result column is compared: as a number, text, boolean, date or timestamp text. */
export type OutKind = "num" | "str" | "bool" | "date" | "ts";

export interface Query {
  readonly spark: string;
  readonly duck: string;
  readonly kinds: readonly OutKind[];
  /** The rows' order is part of the answer (ORDER BY over every output column). */
  readonly ordered: boolean;
}

const NUMERIC: readonly ColType[] = ["int", "long", "double", "decimal"];
const ALL: readonly ColType[] = [
  "int",
  "long",
  "double",
  "decimal",
  "string",
  "boolean",
  "date",
  "timestamp",
];

function kindOf(t: ColType): OutKind {
  if (NUMERIC.includes(t)) return "num";
  if (t === "string") return "str";
  if (t === "boolean") return "bool";
  return t === "date" ? "date" : "ts";
}

class Gen {
  readonly r: () => number;
  /** Table aliases whose columns expressions may read. */
  aliases: readonly string[];

  constructor(r: () => number, aliases: readonly string[]) {
    this.r = r;
    this.aliases = aliases;
  }

  chance(p: number): boolean {
    return this.r() < p;
  }

  column(t: ColType): string {
    const c = COLUMNS.find((x) => x.type === t);
    return `${pick(this.r, this.aliases)}.${c?.name}`;
  }

  literal(t: ColType): string {
    const r = this.r;
    if (this.chance(0.04))
      return `CAST(NULL AS ${t === "decimal" ? "DECIMAL(10,2)" : castName(t)})`;
    switch (t) {
      case "int":
        return String(int(r, -5, 12));
      case "long":
        return `CAST(${int(r, -30, 30) * 37} AS BIGINT)`;
      case "double":
        return `CAST(${int(r, -40, 40) / 4} AS DOUBLE)`;
      case "decimal":
        return ((int(r, -200, 200) * 25) / 100).toFixed(2);
      case "string":
        return `'${pick(r, STRINGS)}'`;
      case "boolean":
        return r() < 0.5 ? "true" : "false";
      case "date":
        return `DATE '2020-01-${String(int(r, 1, 31)).padStart(2, "0")}'`;
      case "timestamp":
        return `TIMESTAMP '2019-12-${String(int(r, 20, 31)).padStart(2, "0")} ${String(int(r, 0, 23)).padStart(2, "0")}:30:00'`;
    }
  }

  /** An expression of type `t` at most `depth` operators deep. */
  expr(t: ColType, depth: number): string {
    if (depth <= 0 || this.chance(0.3)) return this.chance(0.8) ? this.column(t) : this.literal(t);
    const d = depth - 1;
    const r = this.r;
    const common = (): string | null => {
      const k = r();
      if (k < 0.12) {
        return `CASE WHEN ${this.expr("boolean", d)} THEN ${this.expr(t, d)} ELSE ${this.expr(t, d)} END`;
      }
      if (k < 0.22) return `coalesce(${this.expr(t, d)}, ${this.expr(t, d)})`;
      return null;
    };
    const c = common();
    if (c !== null) return c;
    switch (t) {
      case "int":
        return pick(r, [
          () => `(${this.expr("int", d)} + ${this.expr("int", d)})`,
          () => `(${this.expr("int", d)} - ${this.expr("int", d)})`,
          () => `(${this.expr("int", d)} * ${int(r, -3, 3)})`,
          () => `abs(${this.expr("int", d)})`,
          () => `(- ${this.expr("int", d)})`,
          () => `(${this.expr("int", d)} % ${pick(r, [1, 2, 3, 7, -4])})`,
          () => `length(${this.expr("string", d)})`,
          () => `year(${this.expr("date", d)})`,
          () => `month(${this.expr("date", d)})`,
          () => `dayofmonth(${this.expr("date", d)})`,
          () => `hour(${this.expr("timestamp", d)})`,
          () => `minute(${this.expr("timestamp", d)})`,
          () => `CAST(${this.expr("boolean", d)} AS INT)`,
          () => `CAST(${this.expr("long", d)} AS INT)`,
          () => `try_cast(${this.expr("string", d)} AS INT)`,
          () => `nullif(${this.expr("int", d)}, ${this.literal("int")})`,
          () => `greatest(${this.expr("int", d)}, ${this.expr("int", d)})`,
          () => `instr(${this.expr("string", d)}, ${this.literal("string")})`,
          () =>
            `CASE ${this.expr("int", d)} WHEN ${this.literal("int")} THEN ${this.expr("int", d)} WHEN ${this.literal("int")} THEN ${this.expr("int", d)} END`,
        ])();
      case "long":
        return pick(r, [
          () => `(${this.expr("long", d)} + ${this.expr("long", d)})`,
          () => `(${this.expr("long", d)} - ${this.expr("int", d)})`,
          () => `(${this.expr("long", d)} * ${int(r, -3, 3)})`,
          () => `CAST(${this.expr("int", d)} AS BIGINT)`,
          () => `abs(${this.expr("long", d)})`,
        ])();
      case "double":
        return pick(r, [
          () => `(${this.expr("double", d)} + ${this.expr("double", d)})`,
          () => `(${this.expr("double", d)} - ${this.expr("double", d)})`,
          () => `(${this.expr("double", d)} * CAST(0.5 AS DOUBLE))`,
          () => `(${this.expr("int", d)} / ${pick(r, [2, 4, -8])})`,
          () => `CAST(${this.expr("int", d)} AS DOUBLE)`,
          () => `CAST(${this.expr("decimal", d)} AS DOUBLE)`,
          () => `abs(${this.expr("double", d)})`,
          () => `(CAST(${this.expr("decimal", d)} AS DOUBLE) / ${pick(r, [2, 4, -8])})`,
          () =>
            `greatest(${this.expr("double", d)}, ${this.expr("double", d)}, ${this.literal("double")})`,
          () => `least(${this.expr("double", d)}, ${this.expr("double", d)})`,
        ])();
      case "decimal":
        return pick(r, [
          () => `(${this.expr("decimal", d)} + ${this.expr("decimal", d)})`,
          () => `(${this.expr("decimal", d)} - ${this.expr("decimal", d)})`,
          () => `(${this.expr("decimal", d)} * ${int(r, -3, 3)})`,
          () => `CAST(${this.expr("int", d)} AS DECIMAL(10,2))`,
          () => `abs(${this.expr("decimal", d)})`,
          () => `CAST((${this.expr("decimal", d)} * ${this.expr("decimal", d)}) AS DECIMAL(20,4))`,
          () => `floor(${this.expr("decimal", d)})`,
          () => `ceil(${this.expr("decimal", d)})`,
        ])();
      case "string":
        return pick(r, [
          () => `upper(${this.expr("string", d)})`,
          () => `lower(${this.expr("string", d)})`,
          () => `(${this.expr("string", d)} || ${this.expr("string", d)})`,
          () => `substring(${this.expr("string", d)}, ${int(r, 1, 3)}, ${int(r, 1, 3)})`,
          () => `CAST(${this.expr("int", d)} AS STRING)`,
          () => `CAST(${this.expr("date", d)} AS STRING)`,
          () => `CAST(${this.expr("boolean", d)} AS STRING)`,
          () => `reverse(${this.expr("string", d)})`,
          () =>
            `replace(${this.expr("string", d)}, ${this.literal("string")}, ${this.literal("string")})`,
          () => `trim(${this.expr("string", d)})`,
          () => `lpad(${this.expr("string", d)}, ${int(r, 0, 4)}, 'é')`,
          () => `rpad(${this.expr("string", d)}, ${int(r, 0, 4)}, '-')`,
          () => `concat_ws('/', ${this.expr("string", d)}, ${this.expr("string", d)})`,
          () => `repeat(${this.expr("string", d)}, ${int(r, 0, 2)})`,
        ])();
      case "boolean":
        return this.predicate(d);
      case "date":
        return pick(r, [
          () => `(${this.expr("date", d)} + ${int(r, -3, 40)})`,
          () => this.column("date"),
        ])();
      case "timestamp":
        return this.column("timestamp");
    }
  }

  predicate(depth: number): string {
    const r = this.r;
    const d = Math.max(depth - 1, 0);
    const k = r();
    if (depth > 0 && k < 0.2) {
      return `(${this.predicate(d)} ${r() < 0.5 ? "AND" : "OR"} ${this.predicate(d)})`;
    }
    if (depth > 0 && k < 0.26) return `(NOT ${this.predicate(d)})`;
    if (k < 0.34) return `(${this.expr(pick(r, ALL), d)} IS ${r() < 0.5 ? "" : "NOT "}NULL)`;
    if (k < 0.4) {
      const t = pick(r, ALL);
      return `(${this.expr(t, d)} IS ${r() < 0.5 ? "" : "NOT "}DISTINCT FROM ${this.expr(t, d)})`;
    }
    if (k < 0.46) {
      const t = pick(r, NUMERIC);
      return `(${this.expr(t, d)} BETWEEN ${this.literal(t)} AND ${this.literal(t)})`;
    }
    if (k < 0.52) {
      const t = pick(r, ["int", "string", "long", "date"] as const);
      const list = Array.from({ length: int(r, 1, 4) }, () => this.literal(t));
      return `(${this.expr(t, d)} ${r() < 0.3 ? "NOT " : ""}IN (${list.join(", ")}))`;
    }
    if (k < 0.56)
      return `(${this.expr("string", d)} LIKE '${pick(r, ["a%", "%b", "_", "%é%", "A_%"])}')`;
    if (k < 0.62) return this.column("boolean");
    const t = pick(r, ALL);
    const op = pick(r, ["=", "<>", "<", "<=", ">", ">="]);
    if (t !== "timestamp" && t !== "date" && r() < 0.5) {
      return `(${this.expr(t, d)} ${op} ${this.literal(t)})`;
    }
    // mixed numeric comparisons exercise coercion
    const u = NUMERIC.includes(t) && r() < 0.3 ? pick(r, NUMERIC) : t;
    return `(${this.expr(t, d)} ${op} ${this.expr(u, d)})`;
  }
}

function castName(t: ColType): string {
  const names: Record<ColType, string> = {
    int: "INT",
    long: "BIGINT",
    double: "DOUBLE",
    decimal: "DECIMAL(10,2)",
    string: "STRING",
    boolean: "BOOLEAN",
    date: "DATE",
    timestamp: "TIMESTAMP",
  };
  return names[t];
}

interface Item {
  readonly sql: string;
  readonly kind: OutKind;
}

function items(g: Gen, n: number, depth: number): Item[] {
  return Array.from({ length: n }, () => {
    const t = pick(g.r, ALL);
    return { sql: g.expr(t, depth), kind: kindOf(t) };
  });
}

/**
 * A DISTINCT aggregate's argument reads a column. Flint gap (not a semantic difference):
 * DISTINCT over a constant beside other DISTINCT aggregates is UNSUPPORTED_FEATURE.
 */
function distinctArg(g: Gen, t: ColType): string {
  const e = g.expr(t, 1);
  return e.includes("x.") || e.includes("y.") ? e : g.column(t);
}

function aggregateItem(g: Gen): Item {
  const r = g.r;
  const k = r();
  if (k < 0.12) return { sql: "count(*)", kind: "num" };
  if (k < 0.24) return { sql: `count(${g.expr(pick(r, ALL), 1)})`, kind: "num" };
  if (k < 0.36) return { sql: `count(DISTINCT ${distinctArg(g, pick(r, ALL))})`, kind: "num" };
  if (k < 0.54) return { sql: `sum(${g.expr(pick(r, NUMERIC), 1)})`, kind: "num" };
  if (k < 0.7) {
    // avg of a decimal(p, s) is a decimal of scale s + 4 in Spark, a double in DuckDB: scale
    // 2 keeps Spark's rounding within the comparison's 1e-6
    const t = pick(r, NUMERIC);
    const arg = g.expr(t, 1);
    return { sql: `avg(${t === "decimal" ? `CAST(${arg} AS DECIMAL(12,2))` : arg})`, kind: "num" };
  }
  if (k < 0.74) return { sql: `sum(DISTINCT ${distinctArg(g, pick(r, NUMERIC))})`, kind: "num" };
  if (k < 0.78) {
    return { sql: `count(*) FILTER (WHERE ${g.predicate(1)})`, kind: "num" };
  }
  if (k < 0.82) {
    return {
      sql: `sum(${g.expr(pick(r, NUMERIC), 1)}) FILTER (WHERE ${g.predicate(1)})`,
      kind: "num",
    };
  }
  if (k < 0.85) return { sql: `bool_and(${g.predicate(1)})`, kind: "bool" };
  if (k < 0.88) {
    // int and decimal only: over infinities DuckDB raises where Spark returns NaN
    const t = pick(r, ["int", "decimal"] as const);
    return { sql: `${pick(r, ["stddev_samp", "var_pop"])}(${g.expr(t, 1)})`, kind: "num" };
  }
  const t = pick(r, ALL);
  return { sql: `${r() < 0.5 ? "min" : "max"}(${g.expr(t, 1)})`, kind: kindOf(t) };
}

function orderAndLimit(g: Gen, n: number): { text: string; ordered: boolean } {
  if (!g.chance(0.5)) return { text: "", ordered: false };
  const keys = Array.from(
    { length: n },
    (_, i) =>
      `${i + 1} ${g.chance(0.5) ? "ASC" : "DESC"} NULLS ${g.chance(0.5) ? "FIRST" : "LAST"}`,
  );
  const limit = g.chance(0.5) ? ` LIMIT ${int(g.r, 0, 30)}` : "";
  return { text: ` ORDER BY ${keys.join(", ")}${limit}`, ordered: true };
}

function select(list: readonly Item[]): string {
  return list.map((it, i) => `${it.sql} AS c${i}`).join(", ");
}

type JoinType = "inner" | "left" | "right" | "full" | "semi" | "anti" | "cross";

const JOIN_SQL: Record<JoinType, { spark: string; duck: string }> = {
  inner: { spark: "JOIN", duck: "JOIN" },
  left: { spark: "LEFT JOIN", duck: "LEFT JOIN" },
  right: { spark: "RIGHT JOIN", duck: "RIGHT JOIN" },
  full: { spark: "FULL OUTER JOIN", duck: "FULL OUTER JOIN" },
  semi: { spark: "LEFT SEMI JOIN", duck: "SEMI JOIN" },
  anti: { spark: "LEFT ANTI JOIN", duck: "ANTI JOIN" },
  cross: { spark: "CROSS JOIN", duck: "CROSS JOIN" },
};

/** An ON condition: equi keys (possibly of different types) with or without extra terms. */
function joinCondition(g: Gen): string {
  const r = g.r;
  const equi = [
    "x.k = y.k",
    "x.s = y.s",
    "x.l = y.l",
    "x.b = y.b AND x.k = y.k",
    "x.k = y.l",
    "x.m = y.m",
    "x.d = y.d",
    "x.dt = y.dt",
    "x.k = y.k AND x.s = y.s",
    "(x.k + 1) = y.k",
    "x.k IS NOT DISTINCT FROM y.k",
  ];
  const nonEqui = [
    "x.k BETWEEN y.k AND y.k + 1",
    "x.d > y.d + CAST(20 AS DOUBLE)",
    "abs(x.k - y.k) < 1",
    "(x.k = y.k OR x.s = y.s)",
  ];
  const k = r();
  if (k < 0.55) return pick(r, equi);
  if (k < 0.8) {
    g.aliases = ["x", "y"];
    return `${pick(r, equi)} AND ${g.predicate(1)}`;
  }
  return pick(r, nonEqui);
}

const SET_OPS = ["UNION ALL", "UNION", "INTERSECT", "EXCEPT", "INTERSECT ALL", "EXCEPT ALL"];

/** Two selects of the same column types over a and b, combined by a set operation. */
function setOperation(g: Gen): Query {
  const r = g.r;
  const types = Array.from({ length: int(r, 1, 3) }, () => pick(r, ALL));
  const side = (table: string): string => {
    const list = types.map((t, i) => `${g.expr(t, 2)} AS c${i}`).join(", ");
    const where = g.chance(0.5) ? ` WHERE ${g.predicate(1)}` : "";
    return `SELECT ${list} FROM ${table} x${where}`;
  };
  const text = `${side("a")} ${pick(r, SET_OPS)} ${side("b")}`;
  return { spark: text, duck: text, kinds: types.map(kindOf), ordered: false };
}

/** IN / NOT IN / EXISTS / NOT EXISTS / scalar subqueries, correlated or not. */
function subqueryPredicate(g: Gen): string {
  const r = g.r;
  const inner = new Gen(r, ["y"]);
  const where = inner.chance(0.5) ? ` WHERE ${inner.predicate(1)}` : "";
  const k = r();
  if (k < 0.35) {
    const t = pick(r, ["int", "string", "long", "double", "date"] as const);
    return `(${g.expr(t, 1)} ${r() < 0.5 ? "NOT " : ""}IN (SELECT ${inner.expr(t, 1)} FROM b y${where}))`;
  }
  if (k < 0.7) {
    const corr = pick(r, ["y.k = x.k", "y.s = x.s", "y.l = x.l AND y.b", "y.d < x.d"]);
    const extra = inner.chance(0.5) ? ` AND ${inner.predicate(1)}` : "";
    return `(${r() < 0.5 ? "NOT " : ""}EXISTS (SELECT 1 FROM b y WHERE ${corr}${extra}))`;
  }
  const agg = pick(r, ["max(y.k)", "count(*)", "sum(y.l)", "min(y.s)"]);
  const t = agg === "min(y.s)" ? "string" : "long";
  const col = pick(r, ["k", "s", "dt"]);
  const corr = r() < 0.6 ? ` WHERE y.${col} = x.${col}` : "";
  const sub = `(SELECT ${agg} FROM b y${corr})`;
  // both sides of the comparison must be of one type family
  return t === "string"
    ? `(${g.expr("string", 1)} ${pick(r, ["=", "<", ">="])} ${sub})`
    : `(CAST(${g.expr("int", 1)} AS BIGINT) ${pick(r, ["=", "<", ">="])} ${sub})`;
}

function subqueryQuery(g: Gen): Query {
  const list = items(g, int(g.r, 1, 3), 2);
  const cond = subqueryPredicate(g);
  // Flint gap (not a semantic difference): a subquery predicate under OR needs Spark's
  // ExistenceJoin, which Flint's optimizer lacks (UNSUPPORTED_FEATURE); only AND here
  const more = g.chance(0.3) ? ` AND ${g.predicate(1)}` : "";
  const text = `SELECT ${select(list)} FROM a x WHERE ${cond}${more}`;
  return { spark: text, duck: text, kinds: list.map((i) => i.kind), ordered: false };
}

/** Window functions; every window is ordered by all columns, so rows tie only with equals. */
function windowQuery(g: Gen): Query {
  const r = g.r;
  const all = COLUMNS.map(
    (c) =>
      `x.${c.name} ${g.chance(0.5) ? "ASC" : "DESC"} NULLS ${g.chance(0.5) ? "FIRST" : "LAST"}`,
  ).join(", ");
  const part = g.chance(0.7)
    ? `PARTITION BY ${pick(r, ["x.s", "x.k", "x.b", "x.dt", "x.s, x.b"])} `
    : "";
  const fns: Item[] = Array.from({ length: int(r, 1, 3) }, () => {
    const k = r();
    if (k < 0.15) return { sql: `row_number() OVER (${part}ORDER BY ${all})`, kind: "num" };
    if (k < 0.25) return { sql: `rank() OVER (${part}ORDER BY x.k NULLS FIRST)`, kind: "num" };
    if (k < 0.35)
      return { sql: `dense_rank() OVER (${part}ORDER BY x.s DESC NULLS LAST)`, kind: "num" };
    if (k < 0.5) {
      const t = pick(r, NUMERIC);
      return { sql: `sum(${g.expr(t, 1)}) OVER (${part}ORDER BY ${all})`, kind: "num" };
    }
    if (k < 0.6) return { sql: `count(*) OVER (${part === "" ? "" : part.trim()})`, kind: "num" };
    if (k < 0.7) {
      const t = pick(r, ALL);
      return {
        sql: `${pick(r, ["min", "max"])}(${g.expr(t, 1)}) OVER (${part.trim()})`,
        kind: kindOf(t),
      };
    }
    if (k < 0.85) {
      const t = pick(r, ALL);
      return {
        sql: `${pick(r, ["lag", "lead"])}(${g.expr(t, 1)}, ${int(r, 1, 2)}) OVER (${part}ORDER BY ${all})`,
        kind: kindOf(t),
      };
    }
    const t = pick(r, ["int", "long", "decimal"] as const);
    return {
      sql: `sum(${g.expr(t, 1)}) OVER (${part}ORDER BY ${all} ROWS BETWEEN ${int(r, 0, 2)} PRECEDING AND ${int(r, 0, 2)} FOLLOWING)`,
      kind: "num",
    };
  });
  const list = [...items(g, int(r, 1, 2), 1), ...fns];
  const where = g.chance(0.4) ? ` WHERE ${g.predicate(1)}` : "";
  const text = `SELECT ${select(list)} FROM a x${where}`;
  return { spark: text, duck: text, kinds: list.map((i) => i.kind), ordered: false };
}

/** One random query. */
export function randomQuery(r: () => number): Query {
  const g = new Gen(r, ["x"]);
  const shape = r();
  if (shape < 0.08) return setOperation(g);
  if (shape < 0.16) return subqueryQuery(g);
  if (shape < 0.24) return windowQuery(g);
  if (shape < 0.42) {
    // projection and filter
    const list = items(g, int(r, 1, 4), 3);
    const where = g.chance(0.7) ? ` WHERE ${g.predicate(2)}` : "";
    const distinct = g.chance(0.15) ? "DISTINCT " : "";
    const ol = orderAndLimit(g, list.length);
    const text = `SELECT ${distinct}${select(list)} FROM a x${where}${ol.text}`;
    return { spark: text, duck: text, kinds: list.map((i) => i.kind), ordered: ol.ordered };
  }
  if (shape < 0.64) {
    // aggregation with 0-3 grouping keys
    // an integer is a position in GROUP BY (DuckDB also folds `- -4` to one): keys read columns
    const keys = items(g, int(r, 0, 3), 1).map((k) =>
      k.sql.includes("x.") ? k : { sql: "x.k", kind: "num" as const },
    );
    const aggs = Array.from({ length: int(r, 1, 4) }, () => aggregateItem(g));
    // ROLLUP/CUBE over no rows: Spark returns no rows, DuckDB the grand total (so no WHERE)
    const grouping = keys.length > 0 && g.chance(0.2) ? pick(r, ["ROLLUP", "CUBE"]) : "";
    const where = grouping === "" && g.chance(0.5) ? ` WHERE ${g.predicate(2)}` : "";
    const keyList = keys.map((k) => k.sql).join(", ");
    const group =
      keys.length === 0
        ? ""
        : grouping === ""
          ? ` GROUP BY ${keyList}`
          : ` GROUP BY ${grouping}(${keyList})`;
    const having = keys.length > 0 && g.chance(0.2) ? " HAVING count(*) > 1" : "";
    const all = [...keys, ...aggs];
    const ol = orderAndLimit(g, all.length);
    const text = `SELECT ${select(all)} FROM a x${where}${group}${having}${ol.text}`;
    return { spark: text, duck: text, kinds: all.map((i) => i.kind), ordered: ol.ordered };
  }
  // joins, some aggregated
  const type = pick(r, ["inner", "left", "right", "full", "semi", "anti", "cross"] as const);
  const right = type === "cross" ? "c" : "b";
  const on = type === "cross" ? "" : ` ON ${joinCondition(g)}`;
  g.aliases = type === "semi" || type === "anti" ? ["x"] : ["x", "y"];
  const where = g.chance(0.4) ? ` WHERE ${g.predicate(1)}` : "";
  let list: Item[];
  let group = "";
  if (g.chance(0.35)) {
    const keys = items(g, int(r, 0, 2), 1);
    const aggs = Array.from({ length: int(r, 1, 3) }, () => aggregateItem(g));
    list = [...keys, ...aggs];
    if (keys.length > 0) group = ` GROUP BY ${keys.map((k) => k.sql).join(", ")}`;
  } else {
    list = items(g, int(r, 1, 4), 2);
  }
  const ol = orderAndLimit(g, list.length);
  const join = JOIN_SQL[type];
  const tail = `${on}${where}${group}${ol.text}`;
  return {
    spark: `SELECT ${select(list)} FROM a x ${join.spark} ${right} y${tail}`,
    duck: `SELECT ${select(list)} FROM a x ${join.duck} ${right} y${tail}`,
    kinds: list.map((i) => i.kind),
    ordered: ol.ordered,
  };
}
