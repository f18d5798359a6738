/**
 * Listing a relation's files as Spark's InMemoryFileIndex: glob paths expanded, directories
 * listed recursively (siblings in parallel), names starting with `.` or with `_` (unless
 * they hold `=`) skipped, and Hive-style `k=v` directories turned into partition columns
 * whose types are inferred from the values (`spark.sql.sources.partitionColumnTypeInference
 * .enabled`) or taken from the user's schema. `__HIVE_DEFAULT_PARTITION__` is null.
 */
import { readdir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { parseDouble } from "../../../catalyst/expressions/eval/cast.ts";
import { parseDate, parseTimestamp } from "../../../catalyst/expressions/values/datetime.ts";
import { digitCount, parseDecimalText } from "../../../catalyst/expressions/values/numbers.ts";
import { FlintError } from "../../../errors/index.ts";
import {
  type DataType,
  DateT,
  DoubleT,
  decimalType,
  IntegerT,
  LongT,
  NullT,
  StringT,
  type StructType,
  structField,
  structType,
  TimestampT,
} from "../../../types/data-types.ts";
import { expandGlob, hasGlob } from "./glob.ts";

export const DEFAULT_PARTITION_NAME = "__HIVE_DEFAULT_PARTITION__";

export interface PartitionedFile {
  readonly path: string;
  readonly size: number;
  /** Values of the partition columns (internal representation), in partitionSchema order. */
  readonly partitionValues: readonly unknown[];
}

export interface FileListing {
  /** The paths after glob expansion (what EXPLAIN's Location shows). */
  readonly rootPaths: readonly string[];
  readonly files: readonly PartitionedFile[];
  readonly partitionSchema: StructType;
}

export interface ListOptions {
  readonly timeZone: string;
  readonly typeInference: boolean;
  /** `basePath`: where partition discovery starts (default: each root directory). */
  readonly basePath?: string | undefined;
  /** The user's schema: partition columns named there take its types. */
  readonly userSchema?: StructType | undefined;
  /** `recursiveFileLookup`: every file under the roots, no partition discovery. */
  readonly recursiveFileLookup?: boolean | undefined;
}

/** Strips a `file:` scheme; relative paths stay relative. */
export function localPath(p: string): string {
  if (p.startsWith("file://")) return p.slice(7);
  if (p.startsWith("file:")) return p.slice(5);
  return p;
}

/** Whether a file or directory name is hidden from listing (Spark's rule). */
export function isHiddenName(name: string): boolean {
  return (name.startsWith("_") && !name.includes("=")) || name.startsWith(".");
}

interface RawFile {
  readonly path: string;
  readonly size: number;
  readonly root: string;
}

async function listDir(dir: string, root: string, out: RawFile[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const subdirs: string[] = [];
  const files: string[] = [];
  for (const e of entries) {
    if (isHiddenName(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) subdirs.push(p);
    else files.push(p);
  }
  const sizes = await Promise.all(files.map((p) => stat(p).then((s) => s.size)));
  files.forEach((p, i) => {
    out.push({ path: p, size: sizes[i] as number, root });
  });
  const nested = await Promise.all(
    subdirs.map(async (d) => {
      const acc: RawFile[] = [];
      await listDir(d, root, acc);
      return acc;
    }),
  );
  for (const n of nested) out.push(...n);
}

/** Expands globs, checks that every path exists (PATH_NOT_FOUND otherwise), makes them absolute. */
export async function resolveRootPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const raw of paths) {
    const p = localPath(raw);
    if (hasGlob(p)) {
      const matched = await expandGlob(p);
      if (matched.length === 0) {
        throw new FlintError("PATH_NOT_FOUND", { path: `file:${absolute(p)}` });
      }
      out.push(...matched.map(absolute));
    } else {
      if ((await stat(p).catch(() => undefined)) === undefined) {
        throw new FlintError("PATH_NOT_FOUND", { path: `file:${absolute(p)}` });
      }
      out.push(absolute(p));
    }
  }
  return out;
}

function absolute(p: string): string {
  return isAbsolute(p) ? p : resolve(p);
}

/** Lists the data files of `paths` and discovers their partition columns. */
export async function listFiles(
  paths: readonly string[],
  options: ListOptions,
): Promise<FileListing> {
  const roots = await resolveRootPaths(paths);
  let raw: RawFile[] = [];
  const perRoot = await Promise.all(
    roots.map(async (r) => {
      const st = await stat(r);
      const acc: RawFile[] = [];
      if (st.isDirectory()) await listDir(r, r, acc);
      else acc.push({ path: r, size: st.size, root: "" });
      return acc;
    }),
  );
  for (const a of perRoot) raw.push(...a);
  const base = options.basePath === undefined ? undefined : absolute(localPath(options.basePath));
  if (options.recursiveFileLookup === true) {
    return {
      rootPaths: roots,
      files: raw.map((f) => ({ path: f.path, size: f.size, partitionValues: [] })),
      partitionSchema: structType([]),
    };
  }
  // Files under a directory that is not `k=v` are not part of the relation (Spark keeps
  // the files of the root directories and of partition directories only).
  const all = raw.map((f) => ({ f, spec: partitionSpecOf(f, base) }));
  const kept = all.filter((x) => x.spec !== undefined);
  raw = kept.map((x) => x.f);
  const specs = kept.map((x) => x.spec as PartitionSpec);
  const names = commonPartitionNames(specs);
  const schema = partitionSchemaOf(names, specs, options);
  const files = raw.map((f, i) => ({
    path: f.path,
    size: f.size,
    partitionValues: names.map((_, c) =>
      convertPartitionValue((specs[i] as PartitionSpec).values[c] ?? null, schema, c, options),
    ),
  }));
  return { rootPaths: roots, files, partitionSchema: schema };
}

interface PartitionSpec {
  readonly names: readonly string[];
  readonly values: readonly (string | null)[];
}

/**
 * The `k=v` directories between the root (or basePath) and the file; undefined when a
 * directory in between is not of that form.
 */
function partitionSpecOf(f: RawFile, base: string | undefined): PartitionSpec | undefined {
  const from = base ?? f.root;
  if (from === "") return { names: [], values: [] };
  const rel = relative(from, f.path).split("/").slice(0, -1);
  const names: string[] = [];
  const values: (string | null)[] = [];
  for (const seg of rel) {
    const eq = seg.indexOf("=");
    if (eq <= 0) {
      return undefined;
    }
    names.push(unescapePathName(seg.slice(0, eq)));
    const v = unescapePathName(seg.slice(eq + 1));
    values.push(v === DEFAULT_PARTITION_NAME ? null : v);
  }
  return { names, values };
}

function commonPartitionNames(specs: readonly PartitionSpec[]): readonly string[] {
  const first = specs[0];
  if (first === undefined) return [];
  const key = first.names.join("/").toLowerCase();
  for (const s of specs) {
    if (s.names.join("/").toLowerCase() !== key) {
      throw new FlintError("CONFLICTING_PARTITION_COLUMN_NAMES", {
        distinctPartColLists: [...new Set(specs.map((x) => x.names.join(", ")))].join("\n"),
        suspiciousPaths: "",
      });
    }
  }
  return first.names;
}

function partitionSchemaOf(
  names: readonly string[],
  specs: readonly PartitionSpec[],
  options: ListOptions,
): StructType {
  return structType(
    names.map((name, c) => {
      const user = options.userSchema?.fields.find(
        (f) => f.name.toLowerCase() === name.toLowerCase(),
      );
      if (user !== undefined) return structField(name, user.dataType, true);
      if (!options.typeInference) return structField(name, StringT, true);
      let t: DataType = NullT;
      for (const s of specs) t = widerPartitionType(t, inferPartitionType(s.values[c] ?? null));
      return structField(name, t.kind === "null" ? StringT : t, true);
    }),
  );
}

/** Spark's unescapePathName: `%XX` sequences decoded. */
export function unescapePathName(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const INT_RE = /^[+-]?\d+$/;
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/;
const DATE_RE = /^\d{4}-\d{1,2}-\d{1,2}$/;

/** The type of one partition value (Spark's inferPartitionColumnValue order). */
export function inferPartitionType(raw: string | null): DataType {
  if (raw === null) return NullT;
  if (INT_RE.test(raw)) {
    const v = BigInt(raw);
    if (v >= -2147483648n && v <= 2147483647n) return IntegerT;
    if (v >= -9223372036854775808n && v <= 9223372036854775807n) return LongT;
    const d = parseDecimalText(raw);
    if (d !== null && digitCount(d.unscaled) <= 38) return decimalType(digitCount(d.unscaled), 0);
  }
  if (parseDouble(raw) !== null && raw.trim() === raw) return DoubleT;
  if (TIMESTAMP_RE.test(raw) && parseTimestamp(raw, "UTC") !== null) return TimestampT;
  if (DATE_RE.test(raw) && parseDate(raw) !== null) return DateT;
  return StringT;
}

const NUMERIC_RANK: Readonly<Record<string, number>> = {
  integer: 1,
  long: 2,
  decimal: 3,
  double: 4,
};

/** Spark's wider type for partition values: numeric widening, date -> timestamp, else string. */
export function widerPartitionType(a: DataType, b: DataType): DataType {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.kind === b.kind && a.kind !== "decimal") return a;
  const ra = NUMERIC_RANK[a.kind];
  const rb = NUMERIC_RANK[b.kind];
  if (ra !== undefined && rb !== undefined) {
    if (a.kind === "double" || b.kind === "double") return DoubleT;
    if (a.kind === "decimal" || b.kind === "decimal") {
      const pa = a.kind === "decimal" ? a.precision : a.kind === "long" ? 20 : 10;
      const pb = b.kind === "decimal" ? b.precision : b.kind === "long" ? 20 : 10;
      return decimalType(Math.min(38, Math.max(pa, pb)), 0);
    }
    return ra > rb ? a : b;
  }
  if (
    (a.kind === "date" && b.kind === "timestamp") ||
    (a.kind === "timestamp" && b.kind === "date")
  )
    return TimestampT;
  return StringT;
}

function convertPartitionValue(
  raw: string | null,
  schema: StructType,
  c: number,
  options: ListOptions,
): unknown {
  if (raw === null) return null;
  const t = (schema.fields[c] as { dataType: DataType }).dataType;
  switch (t.kind) {
    case "integer":
    case "short":
    case "byte":
      return INT_RE.test(raw) ? Number(raw) : null;
    case "long":
      return INT_RE.test(raw) ? BigInt(raw) : null;
    case "decimal": {
      const d = parseDecimalText(raw);
      if (d === null) return null;
      return d.scale <= t.scale ? d.unscaled * 10n ** BigInt(t.scale - d.scale) : null;
    }
    case "double":
    case "float":
      return parseDouble(raw);
    case "date":
      return parseDate(raw);
    case "timestamp":
      return parseTimestamp(raw, options.timeZone);
    case "boolean": {
      const l = raw.toLowerCase();
      return l === "true" ? true : l === "false" ? false : null;
    }
    default:
      return raw;
  }
}
