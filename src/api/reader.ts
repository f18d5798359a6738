/**
 * `spark.read`: `format(f).option(k, v).options({...}).schema(s).load(paths)`,
 * `parquet/csv/json/text(paths)`, `table(name)`. Option keys are case-insensitive; a user
 * schema (StructType or DDL text) replaces inference. A load is one relation over all its
 * paths, named by `fileRelationName`; the session lists the files before analysis.
 */
import { unresolvedRelation } from "../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { FlintError } from "../errors/index.ts";
import { isFileFormat } from "../execution/datasources/formats.ts";
import { fileRelationName } from "../session/file-sources.ts";
import { parseTableSchema } from "../sql/index.ts";
import type { StructType } from "../types/data-types.ts";
import type { DataFrame } from "./dataframe.ts";

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

  load(...paths: (string | readonly string[])[]): DataFrame {
    const flat = paths.flat();
    const all = flat.length > 0 ? flat : this.#options.path ? [this.#options.path] : [];
    if (!isFileFormat(this.#format)) {
      throw new FlintError("DATA_SOURCE_NOT_FOUND", { provider: this.#format });
    }
    if (all.length === 0) {
      throw new FlintError("UNSUPPORTED_FEATURE", { feature: "load() without a path" });
    }
    const schema = typeof this.#schema === "string" ? parseTableSchema(this.#schema) : this.#schema;
    const name = fileRelationName({
      format: this.#format,
      paths: all,
      options: this.#options,
      userSchema: schema,
    });
    return this.#make(unresolvedRelation(name, this.#options));
  }

  parquet(...paths: string[]): DataFrame {
    return this.format("parquet").load(...paths);
  }

  csv(...paths: string[]): DataFrame {
    return this.format("csv").load(...paths);
  }

  json(...paths: string[]): DataFrame {
    return this.format("json").load(...paths);
  }

  text(...paths: string[]): DataFrame {
    return this.format("text").load(...paths);
  }

  table(name: string): DataFrame {
    return this.#make(unresolvedRelation(name.split(".")));
  }
}
