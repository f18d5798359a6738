/** `df.groupBy(...)`: aggregations over groups, named as PySpark's GroupedData. */
import type { Expression } from "../catalyst/expressions/expression.ts";
import { alias, literalOf, unresolvedFunction } from "../catalyst/expressions/factories.ts";
import { Column, colExpr } from "./column.ts";
import type { DataFrame } from "./dataframe.ts";

const f = Object.freeze;

/** Builds the aggregated DataFrame from grouping and aggregate expressions. */
type Build = (grouping: readonly Expression[], aggregates: readonly Expression[]) => DataFrame;

export class GroupedData {
  readonly #build: Build;
  readonly #grouping: readonly Expression[];

  constructor(build: Build, grouping: readonly Expression[]) {
    this.#build = build;
    this.#grouping = grouping;
  }

  /**
   * `agg(F.sum("a"), F.max("b").alias("m"))`, or `agg({ a: "sum", b: "max" })`.
   * The grouping columns come first in the output, as in Spark.
   */
  agg(...exprs: (Column | Readonly<Record<string, string>>)[]): DataFrame {
    const aggs: Expression[] = [];
    for (const e of exprs) {
      if (e instanceof Column) aggs.push(named(e.expr));
      else {
        for (const [colName, fn] of Object.entries(e)) {
          aggs.push(named(unresolvedFunction(fnName(fn), [colExpr(colName)])));
        }
      }
    }
    return this.#build(this.#grouping, [...this.#grouping.map(named), ...aggs]);
  }

  /** One row per group with its row count in a column named `count`. */
  count(): DataFrame {
    return this.#build(this.#grouping, [
      ...this.#grouping.map(named),
      alias(unresolvedFunction("count", [literalOf(1)]), "count"),
    ]);
  }

  sum(...cols: string[]): DataFrame {
    return this.#simple("sum", cols);
  }

  avg(...cols: string[]): DataFrame {
    return this.#simple("avg", cols);
  }

  mean(...cols: string[]): DataFrame {
    return this.#simple("avg", cols);
  }

  min(...cols: string[]): DataFrame {
    return this.#simple("min", cols);
  }

  max(...cols: string[]): DataFrame {
    return this.#simple("max", cols);
  }

  /**
   * `sum("salary")` names its column `sum(salary)`. With no columns Spark applies the
   * function to every numeric column; that needs the schema, so the analyzer expands
   * the `*` argument (`sum(*)` over numeric columns) the same way.
   */
  #simple(fn: string, cols: readonly string[]): DataFrame {
    const targets = cols.length === 0 ? [colExpr("*")] : cols.map((c) => colExpr(c));
    return this.#build(this.#grouping, [
      ...this.#grouping.map(named),
      ...targets.map((t) => named(unresolvedFunction(fn, [t]))),
    ]);
  }
}

function named(e: Expression): Expression {
  if (e.kind === "Alias" || e.kind === "UnresolvedAttribute" || e.kind === "UnresolvedStar")
    return e;
  return f({ kind: "UnresolvedAlias", child: e });
}

function fnName(fn: string): string {
  const n = fn.toLowerCase();
  return n === "mean" ? "avg" : n;
}
