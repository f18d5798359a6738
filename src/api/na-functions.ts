/** `df.na.fill(...)` and `df.na.drop(...)`, as PySpark's DataFrameNaFunctions. */

import { literalOf } from "../catalyst/expressions/factories.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import type { DataFrame } from "./dataframe.ts";

const f = Object.freeze;

export type FillValue = number | string | boolean;

export class DataFrameNaFunctions {
  readonly #df: DataFrame;
  readonly #with: (plan: LogicalPlan) => DataFrame;

  constructor(df: DataFrame, withPlan: (plan: LogicalPlan) => DataFrame) {
    this.#df = df;
    this.#with = withPlan;
  }

  /**
   * Replaces nulls: `fill(0)` in numeric columns, `fill("x")` in string columns,
   * `fill(false)` in boolean columns, optionally only in `subset`; or
   * `fill({ a: 0, b: "x" })` per column. Resolved against the schema by the analyzer.
   */
  fill(
    value: FillValue | Readonly<Record<string, FillValue>>,
    subset?: readonly string[],
  ): DataFrame {
    const entries: [string | null, FillValue][] =
      typeof value === "object"
        ? Object.entries(value)
        : subset
          ? subset.map((c) => [c, value])
          : [[null, value]];
    return this.#with(
      f({
        kind: "NaFill",
        columns: f(entries.map(([c]) => c)),
        values: f(entries.map(([, v]) => literalOf(v))),
        child: this.#df.plan,
      }),
    );
  }

  /**
   * Drops rows with nulls: `how` "any" (default) or "all", or keep rows with at least
   * `thresh` non-null values; optionally only looking at `subset`.
   */
  drop(how: "any" | "all" = "any", thresh?: number, subset?: readonly string[]): DataFrame {
    return this.#with(
      f({
        kind: "NaDrop",
        minNonNulls: thresh ?? null,
        how,
        columns: subset ? f([...subset]) : null,
        child: this.#df.plan,
      }),
    );
  }
}
