/**
 * The write entry point (Spark's FileFormatWriter.write + InsertIntoHadoopFsRelationCommand):
 * checks the columns and the save mode against the path, plans the query with a
 * `WriteFiles` root (sorted by the partition columns when partitioned), runs it as one job
 * whose tasks write and commit their files, then commits the job on the driver (or aborts
 * it: the output is left as it was).
 */
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import type { AttributeReference } from "../../../catalyst/expressions/expression.ts";
import { attribute, sortOrder } from "../../../catalyst/expressions/factories.ts";
import type { LogicalPlan } from "../../../catalyst/plans/logical-plan.ts";
import { outputOf } from "../../../catalyst/plans/output.ts";
import { collectPlans } from "../../../catalyst/trees/plan-tree.ts";
import { FlintError } from "../../../errors/index.ts";
import {
  StringT,
  simpleString,
  structField,
  structType,
  typeSql,
} from "../../../types/data-types.ts";
import type { ColumnarBatch } from "../../columnar/batch.ts";
import type { BytesVector } from "../../columnar/vector.ts";
import { getString } from "../../columnar/vector.ts";
import type { TaskCommitMessage } from "../../operators/write-files.ts";
import type { PhysicalPlan, WriteFilesExec } from "../../plan/physical-plan.ts";
import { outputOfPhysical } from "../../plan/tree.ts";
import { newNodeId } from "../../planner/node-ids.ts";
import {
  abortJob,
  type CommitStrategy,
  commitJob,
  commitStarted,
  pathExists,
  recoverInterruptedCommit,
  removeAbandonedStaging,
  setupJob,
  stagingRootFor,
  type WriteJob,
} from "./commit-protocol.ts";
import { checkTextSchema, resolveCodec } from "./output-writer.ts";

export type SaveMode = "append" | "overwrite" | "errorifexists" | "ignore";

export interface WriteSpec {
  /** `parquet`, `csv`, `json` or `text`. */
  readonly format: string;
  /** The output directory (`file:` prefix allowed). */
  readonly path: string;
  readonly mode: SaveMode;
  readonly partitionBy: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  /**
   * Overwrite only the partitions the job writes (INSERT OVERWRITE with dynamic
   * partitions). Default: option `partitionOverwriteMode`, else the session's
   * `spark.sql.sources.partitionOverwriteMode` is `dynamic`.
   */
  readonly dynamicPartitionOverwrite?: boolean;
}

export interface WriteSummary {
  readonly outputPath: string;
  /** Data files written. */
  readonly files: number;
  readonly rows: number;
  /** Bytes of the data files. */
  readonly bytes: number;
  /** Partition directories written (relative, `k=v/j=w`), sorted. */
  readonly partitions: readonly string[];
  /** True when mode `ignore` found the path and wrote nothing. */
  readonly skipped: boolean;
}

/** Session settings a write reads. */
export interface WriteConf {
  get(key: string): string | undefined;
}

/** What a write needs from the session's engine (`Engine` implements it). */
export interface WriteHost {
  /** Asynchronous preparation before analysis (reading file footers). */
  prepare(plan: LogicalPlan): Promise<void>;
  /** The analyzed and physical plans of a query, and the session settings they used. */
  plans(plan: LogicalPlan): {
    readonly conf: WriteConf;
    readonly analyzed: LogicalPlan;
    readonly physical: PhysicalPlan;
  };
  /** Runs a physical plan as a job and returns its result batches. */
  executePhysical(plan: PhysicalPlan, conf: WriteConf): Promise<readonly ColumnarBatch[]>;
}

const FORMATS = new Set(["parquet", "text", "csv", "json"]);

/** The local path of `file:/x`, `file:///x` or `/x`, made absolute. */
export function localPath(path: string): string {
  const p = path.startsWith("file://")
    ? path.slice(7)
    : path.startsWith("file:")
      ? path.slice(5)
      : path;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]+):\/\//.exec(p);
  if (scheme !== null) {
    throw new FlintError("UNSUPPORTED_FEATURE", {
      feature: `writing to the ${scheme[1]} file system (only local paths)`,
    });
  }
  return resolve(p);
}

function jobTrackerId(d: Date): string {
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

/**
 * Writes the rows of `plan` as files under `spec.path` (see the module comment); returns
 * what was written. Errors: `PATH_ALREADY_EXISTS` (mode errorifexists on an existing path),
 * `_LEGACY_ERROR_TEMP_1155` (unknown partition column),
 * `COLUMN_ALREADY_EXISTS`, `ALL_PARTITION_COLUMNS_NOT_ALLOWED`,
 * `INVALID_PARTITION_COLUMN_DATA_TYPE`, `UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE`,
 * `CODEC_NOT_AVAILABLE.*`, `DATA_SOURCE_NOT_FOUND`, and task errors as they were raised.
 */
export async function writeFiles(
  host: WriteHost,
  plan: LogicalPlan,
  spec: WriteSpec,
): Promise<WriteSummary> {
  const format = spec.format.toLowerCase();
  if (!FORMATS.has(format)) {
    throw new FlintError("DATA_SOURCE_NOT_FOUND", { provider: spec.format });
  }
  await host.prepare(plan);
  const q = host.plans(plan);
  const caseSensitive = q.conf.get("spark.sql.caseSensitive") === "true";
  const names = outputOf(q.analyzed);
  const physicalOutput = outputOfPhysical(q.physical);
  // the analyzed names, the physical plan's attribute ids
  const columns = physicalOutput.map((a, i) => ({ ...a, name: names[i]?.name ?? a.name }));
  const { dataColumns, partitionColumns } = splitColumns(columns, spec.partitionBy, caseSensitive);
  const dataSchema = structType(
    dataColumns.map((a) => structField(a.name, a.dataType, a.nullable)),
  );
  if (format === "text") checkTextSchema(dataSchema);
  const codec = resolveCodec(
    format,
    spec.options,
    q.conf.get("spark.sql.parquet.compression.codec") ?? "snappy",
  );

  const outputPath = localPath(spec.path);
  recoverInterruptedCommit(outputPath);
  removeAbandonedStaging(outputPath);
  const exists = pathExists(outputPath);
  if (exists && spec.mode === "errorifexists") {
    throw new FlintError("PATH_ALREADY_EXISTS", { outputPath: `file:${outputPath}` });
  }
  if (exists && spec.mode === "ignore") {
    return { outputPath, files: 0, rows: 0, bytes: 0, partitions: [], skipped: true };
  }
  const dynamic =
    spec.dynamicPartitionOverwrite ??
    (
      optionOf(spec.options, "partitionOverwriteMode") ??
      q.conf.get("spark.sql.sources.partitionOverwriteMode") ??
      "static"
    ).toLowerCase() === "dynamic";
  const strategy: CommitStrategy =
    !exists || spec.mode !== "append"
      ? spec.mode === "overwrite" && dynamic && partitionColumns.length > 0 && exists
        ? "dynamic"
        : "swap"
      : "append";
  if (spec.mode === "overwrite") checkNotReadingOutput(q.analyzed, outputPath);

  const jobUuid = randomUUID();
  const job: WriteJob = {
    jobUuid,
    jobTrackerId: jobTrackerId(new Date()),
    stagingRoot: stagingRootFor(outputPath, strategy, jobUuid),
    strategy,
    outputPath,
  };
  const maxRecords = Number(
    optionOf(spec.options, "maxRecordsPerFile") ??
      q.conf.get("spark.sql.files.maxRecordsPerFile") ??
      0,
  );
  const root = withWriteRoot(q.physical, (child) => {
    const input =
      partitionColumns.length === 0
        ? child
        : ({
            kind: "Sort",
            id: newNodeId(),
            codegenStageId: 0,
            order: partitionColumns.map((a) => sortOrder(a)),
            global: false,
            child,
          } as const);
    const node: WriteFilesExec = {
      kind: "WriteFiles",
      id: newNodeId(),
      codegenStageId: 0,
      format,
      codec,
      options: writerOptions(format, spec.options, q.conf),
      timeZone: q.conf.get("spark.sql.session.timeZone") ?? "UTC",
      jobUuid,
      jobTrackerId: job.jobTrackerId,
      stagingRoot: job.stagingRoot,
      dataColumns,
      partitionColumns,
      maxRecordsPerFile: Number.isFinite(maxRecords) && maxRecords > 0 ? maxRecords : 0,
      output: [attribute("commit", StringT, false)],
      child: input,
    };
    return Object.freeze(node);
  });

  setupJob(job);
  let messages: TaskCommitMessage[];
  try {
    const batches = await host.executePhysical(root, q.conf);
    messages = batches.flatMap(commitMessages);
    commitJob(job, partitionColumns.length);
  } catch (e) {
    // before the journal: nothing visible changed, drop what was staged; after it: finish
    if (commitStarted(job)) recoverInterruptedCommit(outputPath);
    else abortJob(job);
    throw e;
  }
  const partitions = [...new Set(messages.flatMap((m) => m.partitions))].sort();
  return {
    outputPath,
    files: messages.reduce((n, m) => n + m.files, 0),
    rows: messages.reduce((n, m) => n + m.rows, 0),
    bytes: messages.reduce((n, m) => n + m.bytes, 0),
    partitions,
    skipped: false,
  };
}

/** Timestamps in Parquet: Spark's setting; Flint's default is TIMESTAMP_MICROS (Spark's INT96). */
const TIMESTAMP_TYPES = new Set(["INT96", "TIMESTAMP_MICROS", "TIMESTAMP_MILLIS"]);
export const OUTPUT_TIMESTAMP_TYPE = "spark.sql.parquet.outputTimestampType";

/** The options tasks get: the user's, plus the session settings the format reads. */
function writerOptions(
  format: string,
  options: Readonly<Record<string, string>>,
  conf: WriteConf,
): Readonly<Record<string, string>> {
  if (format !== "parquet") return options;
  const ts = (conf.get(OUTPUT_TIMESTAMP_TYPE) ?? "TIMESTAMP_MICROS").toUpperCase();
  if (!TIMESTAMP_TYPES.has(ts)) {
    throw new FlintError("INVALID_CONF_VALUE", {
      confName: OUTPUT_TIMESTAMP_TYPE,
      confValue: ts,
      reason: "Use INT96, TIMESTAMP_MICROS or TIMESTAMP_MILLIS.",
    });
  }
  return { ...options, [OUTPUT_TIMESTAMP_TYPE]: ts };
}

function commitMessages(b: ColumnarBatch): TaskCommitMessage[] {
  const v = b.columns[0] as BytesVector;
  const out: TaskCommitMessage[] = [];
  for (let i = 0; i < b.numRows; i++) out.push(JSON.parse(getString(v, i)) as TaskCommitMessage);
  return out;
}

/** The physical plan with `wrap` applied below a WithSubqueries root (which must stay on top). */
function withWriteRoot(p: PhysicalPlan, wrap: (child: PhysicalPlan) => PhysicalPlan): PhysicalPlan {
  if (p.kind === "WithSubqueries") return Object.freeze({ ...p, child: wrap(p.child) });
  return wrap(p);
}

function optionOf(options: Readonly<Record<string, string>>, key: string): string | undefined {
  const k = key.toLowerCase();
  for (const [name, v] of Object.entries(options)) if (name.toLowerCase() === k) return v;
  return undefined;
}

const equalNames = (caseSensitive: boolean) => (a: string, b: string) =>
  caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();

/**
 * The data and partition columns of a write (Spark's partition column checks): names must
 * be unique, partition columns must exist, be atomic and leave at least one data column.
 */
export function splitColumns(
  columns: readonly AttributeReference[],
  partitionBy: readonly string[],
  caseSensitive: boolean,
): { dataColumns: AttributeReference[]; partitionColumns: AttributeReference[] } {
  const eq = equalNames(caseSensitive);
  columns.forEach((a, i) => {
    if (columns.findIndex((b) => eq(a.name, b.name)) !== i) {
      throw new FlintError("COLUMN_ALREADY_EXISTS", { columnName: `\`${a.name.toLowerCase()}\`` });
    }
  });
  const partitionColumns = partitionBy.map((name, i) => {
    if (partitionBy.findIndex((n) => eq(n, name)) !== i) {
      throw new FlintError("COLUMN_ALREADY_EXISTS", { columnName: `\`${name}\`` });
    }
    const a = columns.find((c) => eq(c.name, name));
    if (a === undefined) {
      const schema = structType(columns.map((c) => structField(c.name, c.dataType, c.nullable)));
      throw new FlintError("_LEGACY_ERROR_TEMP_1155", {
        col: name,
        schemaCatalog: simpleString(schema),
      });
    }
    const k = a.dataType.kind;
    if (k === "array" || k === "map" || k === "struct") {
      throw new FlintError("INVALID_PARTITION_COLUMN_DATA_TYPE", {
        type: `"${typeSql(a.dataType)}"`,
      });
    }
    return a;
  });
  if (partitionColumns.length > 0 && partitionColumns.length === columns.length) {
    throw new FlintError("ALL_PARTITION_COLUMNS_NOT_ALLOWED", {});
  }
  const dataColumns = columns.filter((a) => !partitionColumns.some((p) => p.exprId === a.exprId));
  return { dataColumns, partitionColumns };
}

/** Overwriting a path the query reads from (Spark refuses; `UNSUPPORTED_OVERWRITE.PATH`). */
function checkNotReadingOutput(analyzed: LogicalPlan, outputPath: string): void {
  const read = collectPlans(analyzed, (p) => (p.kind === "FileRelation" ? p.paths : undefined));
  for (const paths of read) {
    for (const p of paths) {
      const abs = localPath(p);
      if (abs === outputPath || abs.startsWith(`${outputPath}/`)) {
        throw new FlintError("UNSUPPORTED_OVERWRITE.PATH", { path: `file:${outputPath}` });
      }
    }
  }
}
