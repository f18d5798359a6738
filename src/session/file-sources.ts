/**
 * File relations: SQL's ``csv.`path` `` (name `[format, path]`) and `spark.read...load()`
 * (name `[format, path, spark.read#<n>]`, the id naming the call's paths, options and user
 * schema). Before a query is analyzed, `prepare` lists the files they name (asynchronous
 * I/O: globs, partition discovery, schema inference) and keeps one FileRelation per name,
 * so attribute ids stay stable within the session; the session catalog's table provider
 * then resolves those names synchronously inside the analyzer.
 */
import type { TableProvider } from "../catalyst/catalog/session-catalog.ts";
import type { FileRelation, LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { freshAttributes } from "../catalyst/plans/output.ts";
import { collectPlans } from "../catalyst/trees/plan-tree.ts";
import { FlintError } from "../errors/index.ts";
import { listFiles } from "../execution/datasources/files/list.ts";
import { fileFormat, isFileFormat } from "../execution/datasources/formats.ts";
import { lowerKeys } from "../execution/datasources/options.ts";
import {
  StringT,
  type StructType,
  sameType,
  structField,
  structType,
} from "../types/data-types.ts";

/** The third name part of a reader-built relation: `spark.read#<n>`, known by its id. */
const SPEC_MARK = "spark.read#";

/** The specs of `spark.read...load()` calls, by the id in their relation name. */
const READ_SPECS = new Map<string, FileReadSpec>();
let nextReadId = 0;

export interface FileReadSpec {
  readonly format: string;
  readonly paths: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  readonly userSchema?: StructType | undefined;
  readonly partitionColumns?: readonly string[] | undefined;
}

export interface FileSourceConf {
  get(key: string): string | undefined;
}

function key(nameParts: readonly string[]): string {
  return JSON.stringify(nameParts);
}

/**
 * The relation name of one `spark.read...load()` call. Each call is its own relation (its
 * files are listed once, when the DataFrame is first analyzed, as Spark lists them when the
 * DataFrame is created); SQL's ``csv.`path` `` is named by its path alone.
 */
export function fileRelationName(spec: FileReadSpec): string[] {
  const id = `${SPEC_MARK}${++nextReadId}`;
  READ_SPECS.set(id, spec);
  return [spec.format, spec.paths[0] ?? "", id];
}

function specOf(nameParts: readonly string[]): FileReadSpec {
  const format = (nameParts[0] ?? "").toLowerCase();
  const third = nameParts[2];
  const spec = third === undefined ? undefined : READ_SPECS.get(third);
  return spec ?? { format, paths: [nameParts[1] ?? ""], options: {} };
}

/** Whether a relation name denotes files: a known format followed by a path. */
export function isFileRelationName(nameParts: readonly string[]): boolean {
  if (!isFileFormat(nameParts[0] ?? "")) return false;
  if (nameParts.length === 2) return true;
  return nameParts.length === 3 && READ_SPECS.has(nameParts[2] ?? "");
}

export class FileSources implements TableProvider {
  readonly #relations = new Map<string, FileRelation>();
  /** Plans already prepared: a new statement lists its ``fmt.`path` `` files again. */
  readonly #prepared = new WeakSet<LogicalPlan>();

  lookupTable(nameParts: readonly string[]): LogicalPlan | undefined {
    return this.#relations.get(key(nameParts));
  }

  /** Lists and reads the schemas of the files the plan names that are not known yet. */
  async prepare(
    plan: LogicalPlan,
    isTempView: (name: string) => boolean,
    conf?: FileSourceConf,
  ): Promise<void> {
    const names = collectPlans(plan, (p) =>
      p.kind === "UnresolvedRelation" && isFileRelationName(p.nameParts) ? p.nameParts : undefined,
    );
    // Spark lists the files of a SQL path relation for every statement that names it (a
    // DataFrame from spark.read keeps the listing it was created with: its name is unique).
    const fresh = !this.#prepared.has(plan);
    this.#prepared.add(plan);
    for (const nameParts of names) {
      const k = key(nameParts);
      const known = this.#relations.get(k);
      if (known !== undefined && !(fresh && nameParts.length === 2)) continue;
      if (nameParts.length === 2 && isTempView(nameParts.join("."))) continue;
      try {
        const relation = await resolveFileRelation(specOf(nameParts), conf);
        this.#relations.set(k, known === undefined ? relation : relisted(known, relation));
      } catch (e) {
        // `csv.t` may be table t of a database named csv: a name that is not a path is
        // left to the catalog when no such file exists.
        const sqlName = nameParts.length === 2 && !(nameParts[1] ?? "").includes("/");
        if (sqlName && (e as { errorClass?: string }).errorClass === "PATH_NOT_FOUND") continue;
        throw e;
      }
    }
  }
}

/**
 * `relation` listed again; it keeps the attributes of `known` when the columns are the
 * same, so columns of DataFrames built over the earlier listing still resolve.
 */
function relisted(known: FileRelation, relation: FileRelation): FileRelation {
  const same =
    known.output.length === relation.output.length &&
    known.output.every((a, i) => {
      const b = relation.output[i];
      return b !== undefined && a.name === b.name && sameType(a.dataType, b.dataType);
    });
  return same ? Object.freeze({ ...relation, output: known.output }) : relation;
}

/**
 * A relation over files: lists them (globs, partition discovery), infers or takes the
 * schema, and gives every column a fresh attribute (data columns, then partition columns).
 */
export async function resolveFileRelation(
  spec: FileReadSpec,
  conf?: FileSourceConf,
): Promise<FileRelation> {
  const format = fileFormat(spec.format);
  const options = lowerKeys(spec.options);
  const timeZone = conf?.get("spark.sql.session.timeZone") ?? "UTC";
  const typeInference =
    (conf?.get("spark.sql.sources.partitionColumnTypeInference.enabled") ?? "true")
      .trim()
      .toLowerCase() !== "false";
  const withConfDefaults: Record<string, string> = { ...spec.options };
  const corrupt = conf?.get("spark.sql.columnNameOfCorruptRecord");
  if (corrupt !== undefined && options.columnnameofcorruptrecord === undefined) {
    withConfDefaults.columnNameOfCorruptRecord = corrupt;
  }
  const listing = await listFiles(spec.paths, {
    timeZone,
    typeInference,
    basePath: options.basepath,
    userSchema: spec.userSchema,
    recursiveFileLookup: (options.recursivefilelookup ?? "").trim().toLowerCase() === "true",
  });
  let partitionSchema = listing.partitionSchema;
  let files = listing.files;
  if (spec.partitionColumns !== undefined && spec.partitionColumns.length > 0) {
    // The declared partition columns, in their order; values follow that order.
    const found = listing.partitionSchema.fields.map((f) => f.name.toLowerCase());
    const wanted = spec.partitionColumns.map((c) => c.toLowerCase());
    const from = wanted.map((w) => found.indexOf(w));
    partitionSchema = structType(
      wanted.map(
        (w, i) =>
          listing.partitionSchema.fields[from[i] as number] ?? structField(w, StringT, true),
      ),
    );
    files = files.map((f) => ({
      ...f,
      partitionValues: from.map((j) => (j < 0 ? null : (f.partitionValues[j] ?? null))),
    }));
  }
  const partNames = new Set(partitionSchema.fields.map((f) => f.name.toLowerCase()));
  let dataSchema: StructType;
  if (spec.userSchema !== undefined) {
    dataSchema = structType(
      spec.userSchema.fields.filter((f) => !partNames.has(f.name.toLowerCase())),
    );
  } else {
    const inferred = await format.inferSchema(listing.files, lowerKeys(withConfDefaults), timeZone);
    if (inferred === undefined) {
      throw new FlintError("UNABLE_TO_INFER_SCHEMA", {
        format:
          format.name === "csv" || format.name === "json"
            ? format.name.toUpperCase()
            : capital(format.name),
      });
    }
    dataSchema = structType(inferred.fields.filter((f) => !partNames.has(f.name.toLowerCase())));
  }
  const all = [...dataSchema.fields, ...partitionSchema.fields];
  return Object.freeze({
    kind: "FileRelation",
    format: format.name,
    paths: Object.freeze([...spec.paths]),
    options: Object.freeze(withConfDefaults),
    dataSchema,
    partitionSchema,
    output: Object.freeze(
      freshAttributes(all.map((f) => ({ name: f.name, dataType: f.dataType, nullable: true }))),
    ),
    pushedFilters: Object.freeze([]),
    sizeInBytes: files.reduce((s, f) => s + f.size, 0),
    listing: { rootPaths: listing.rootPaths, files },
  });
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
