/**
 * `spark.read`: `parquet(paths)`, `format(f).option(k, v).load(paths)`, `table(name)`.
 * A file source is the relation `[format, path]`, the same name SQL gives
 * ``parquet.`path` ``; the session reads the files' schemas before analysis.
 */
import { union, unresolvedRelation } from "../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { FlintError } from "../errors/index.ts";
import type { StructType } from "../types/data-types.ts";
import type { DataFrame } from "./dataframe.ts";

const SUPPORTED = new Set(["parquet"]);

export class DataFrameReader {
  readonly #make: (plan: LogicalPlan) => DataFrame;
  readonly #format: string;
  readonly #options: Readonly<Record<string, string>>;
  readonly #schema: StructType | string | undefined;

  constructor(
    make: (plan: LogicalPlan) => DataFrame,
    format = "parquet",
    options: Readonly<Record<string, string>> = {},
    schema: StructType | string | undefined = undefined,
  ) {
    this.#make = make;
    this.#format = format;
    this.#options = options;
    this.#schema = schema;
  }

  format(source: string): DataFrameReader {
    return new DataFrameReader(this.#make, source.toLowerCase(), this.#options, this.#schema);
  }

  option(key: string, value: string | number | boolean): DataFrameReader {
    return this.options({ [key]: String(value) });
  }

  options(options: Readonly<Record<string, string | number | boolean>>): DataFrameReader {
    const merged = { ...this.#options };
    for (const [k, v] of Object.entries(options)) merged[k] = String(v);
    return new DataFrameReader(this.#make, this.#format, merged, this.#schema);
  }

  schema(schema: StructType | string): DataFrameReader {
    return new DataFrameReader(this.#make, this.#format, this.#options, schema);
  }

  load(...paths: string[]): DataFrame {
    if (!SUPPORTED.has(this.#format)) {
      throw new FlintError("UNSUPPORTED_FEATURE", { feature: `the ${this.#format} data source` });
    }
    if (this.#schema !== undefined) {
      throw new FlintError("UNSUPPORTED_FEATURE", { feature: "a user schema for file sources" });
    }
    const all = paths.length > 0 ? paths : this.#options.path ? [this.#options.path] : [];
    if (all.length === 0) {
      throw new FlintError("UNSUPPORTED_FEATURE", { feature: "load() without a path" });
    }
    const relations = all.map((p) => unresolvedRelation([this.#format, p], this.#options));
    const [only] = relations;
    return this.#make(relations.length === 1 && only ? only : union(relations));
  }

  parquet(...paths: string[]): DataFrame {
    return this.format("parquet").load(...paths);
  }

  table(name: string): DataFrame {
    return this.#make(unresolvedRelation(name.split(".")));
  }
}
