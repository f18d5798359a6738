/**
 * Planning a file relation's scan: partition pruning (filters that read only partition
 * columns are evaluated on each directory's values; rejected directories' files are never
 * read) and split planning into tasks (`spark.sql.files.*`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluate } from "../../../catalyst/expressions/eval/evaluate.ts";
import type { AttributeReference, Expression } from "../../../catalyst/expressions/expression.ts";
import { boundReference } from "../../../catalyst/expressions/factories.ts";
import type { FileRelation } from "../../../catalyst/plans/logical-plan.ts";
import { existsExpr, foreachExpr, transformUp } from "../../../catalyst/trees/expression-tree.ts";
import type { FileSourceScanExec } from "../../plan/physical-plan.ts";
import { parseByteSize } from "../../planner/config.ts";
import { fileFormat } from "../formats.ts";
import { lowerKeys } from "../options.ts";
import { isHiddenName, localPath, type PartitionedFile } from "./list.ts";
import { planFilePartitions } from "./splits.ts";

export interface ScanConf {
  get(key: string): string | undefined;
}

type NewScan = Omit<FileSourceScanExec, "id" | "codegenStageId">;

function byteConf(conf: ScanConf, key: string, fallback: number): number {
  const v = conf.get(key);
  if (v === undefined) return fallback;
  const n = parseByteSize(v);
  return Number.isFinite(n) ? n : fallback;
}

/** Files under `paths` when the relation carries no listing (no partition discovery). */
function listSync(paths: readonly string[]): PartitionedFile[] {
  const out: PartitionedFile[] = [];
  const visit = (p: string): void => {
    const st = fs.statSync(p);
    if (!st.isDirectory()) {
      out.push({ path: p, size: st.size, partitionValues: [] });
      return;
    }
    for (const name of fs.readdirSync(p).sort()) {
      if (isHiddenName(name)) continue;
      visit(path.join(p, name));
    }
  };
  for (const p of paths) visit(localPath(p));
  return out;
}

/** Splits the relation's pushed filters into partition filters and data filters. */
export function splitPartitionFilters(
  filters: readonly Expression[],
  partitionAttrs: readonly AttributeReference[],
): { partition: Expression[]; data: Expression[] } {
  const ids = new Set(partitionAttrs.map((a) => a.exprId));
  const partition: Expression[] = [];
  const data: Expression[] = [];
  for (const f of filters) {
    let refs = 0;
    foreachExpr(f, (x) => {
      if (x.kind === "AttributeReference") refs++;
    });
    const onlyPartition =
      refs > 0 && !existsExpr(f, (x) => x.kind === "AttributeReference" && !ids.has(x.exprId));
    (onlyPartition ? partition : data).push(f);
  }
  return { partition, data };
}

/** The files whose partition values satisfy every partition filter. */
export function prunePartitions(
  files: readonly PartitionedFile[],
  filters: readonly Expression[],
  partitionAttrs: readonly AttributeReference[],
): PartitionedFile[] {
  if (filters.length === 0) return [...files];
  const ordinals = new Map(partitionAttrs.map((a, i) => [a.exprId, i]));
  const bound = filters.map((f) =>
    transformUp(f, (x) => {
      if (x.kind !== "AttributeReference") return undefined;
      const i = ordinals.get(x.exprId);
      return i === undefined ? undefined : boundReference(i, x.dataType, x.nullable);
    }),
  );
  const verdicts = new Map<string, boolean>();
  return files.filter((f) => {
    const key = JSON.stringify(f.partitionValues, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
    let ok = verdicts.get(key);
    if (ok === undefined) {
      ok = bound.every((e) => evaluate(e, f.partitionValues) === true);
      verdicts.set(key, ok);
    }
    return ok;
  });
}

/** The physical scan of a file relation. */
export function planFileScan(
  rel: FileRelation,
  conf: ScanConf,
  defaultParallelism: number,
): NewScan {
  const format = fileFormat(rel.format);
  const nData = rel.output.length - rel.partitionSchema.fields.length;
  const partitionAttrs = rel.output.slice(nData);
  const { partition, data } = splitPartitionFilters(rel.pushedFilters, partitionAttrs);
  const listed = rel.listing?.files ?? listSync(rel.paths);
  const selected = prunePartitions(listed, partition, partitionAttrs);
  // Session settings the readers need travel with the options (a data source option wins).
  const options: Record<string, string> = { ...lowerKeys(rel.options) };
  for (const [conf_, key] of [
    ["spark.sql.files.ignoreCorruptFiles", "ignorecorruptfiles"],
    ["spark.sql.files.ignoreMissingFiles", "ignoremissingfiles"],
  ] as const) {
    const v = conf.get(conf_);
    if (v !== undefined && options[key] === undefined) options[key] = v;
  }
  const minPartitionNum = Number.parseInt(
    conf.get("spark.sql.files.minPartitionNum") ?? String(defaultParallelism),
    10,
  );
  const partitions = planFilePartitions(
    selected,
    {
      maxPartitionBytes: byteConf(conf, "spark.sql.files.maxPartitionBytes", 128 * 1024 * 1024),
      openCostInBytes: byteConf(conf, "spark.sql.files.openCostInBytes", 4 * 1024 * 1024),
      minPartitionNum:
        Number.isFinite(minPartitionNum) && minPartitionNum > 0 ? minPartitionNum : 1,
    },
    (p) => format.isSplittable(options, p),
  );
  return {
    kind: "FileSourceScan",
    format: rel.format.toLowerCase(),
    partitions,
    rootPaths: rel.listing?.rootPaths ?? rel.paths.map(localPath),
    output: rel.output,
    dataSchema: rel.dataSchema,
    partitionSchema: rel.partitionSchema,
    options,
    timeZone: conf.get("spark.sql.session.timeZone") ?? "UTC",
    partitionFilters: partition,
    pushedFilters: data,
    numFiles: selected.length,
  };
}
