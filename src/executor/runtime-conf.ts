import os from "node:os";
import type { CompressionCodecName } from "../storage/compression.ts";

/**
 * The runtime's configuration, parsed once from Spark keys and passed down as plain data
 * (no global config). Every field names the Spark key it comes from.
 */
export interface RuntimeConf {
  readonly appId: string;
  /** Task slots per executor (`local[N]`: N worker threads). */
  readonly slotsPerExecutor: number;
  /** `spark.task.maxFailures`; `local[N]` means 1 and `local[N,F]` means F, as in Spark. */
  readonly maxTaskFailures: number;
  /** `spark.stage.maxConsecutiveAttempts` (4). */
  readonly maxConsecutiveStageAttempts: number;
  /** `spark.executor.memory`, or `spark.driver.memory` in local mode (1g). */
  readonly executorMemory: number;
  /** `spark.memory.fraction` (0.6). */
  readonly memoryFraction: number;
  /** `spark.memory.storageFraction` (0.5). */
  readonly storageFraction: number;
  /** `spark.testing.reservedMemory`, when set. */
  readonly reservedMemory: number | undefined;
  /** `spark.shuffle.compress` (true) with `spark.io.compression.codec` (lz4). */
  readonly shuffleCodec: CompressionCodecName;
  /** `spark.shuffle.spill.compress` (true). */
  readonly spillCodec: CompressionCodecName;
  /** `spark.local.dir` (the OS temp dir). */
  readonly localDir: string;
  /** `spark.speculation` (false) and its tuning keys. */
  readonly speculation: boolean;
  readonly speculationIntervalMs: number;
  readonly speculationMultiplier: number;
  readonly speculationQuantile: number;
  readonly speculationMinTaskRuntimeMs: number;
  /** `spark.ui.showConsoleProgress` (true; shown only on a TTY). */
  readonly showConsoleProgress: boolean;
  /** `spark.task.reaper.enabled` (false) / `spark.task.reaper.killTimeout` (-1: never). */
  readonly taskReaperKillTimeoutMs: number;
}

export interface MasterSpec {
  readonly slots: number;
  readonly maxTaskFailures: number | undefined;
}

/** Parses `local`, `local[N]`, `local[*]` and `local[N,F]`. */
export function parseMaster(master: string): MasterSpec {
  if (master === "local") return { slots: 1, maxTaskFailures: 1 };
  const m = /^local\[\s*(\*|\d+)\s*(?:,\s*(\d+)\s*)?\]$/.exec(master);
  if (!m) {
    throw new RangeError(
      `Unsupported master '${master}': use local, local[N], local[*] or local[N,F]`,
    );
  }
  const slots = m[1] === "*" ? Math.max(1, os.availableParallelism()) : Number(m[1]);
  if (slots < 1) throw new RangeError(`Master '${master}' needs at least one thread`);
  return { slots, maxTaskFailures: m[2] === undefined ? 1 : Number(m[2]) };
}

/** Spark's size strings: "512m", "1g", "100k", "1024" (bytes), "2t". */
export function parseBytes(value: string, defaultUnit: "b" | "k" | "m" = "b"): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?)b?\s*$/i.exec(value);
  if (!m) throw new RangeError(`Invalid size '${value}'`);
  const unit = (m[2] || defaultUnit).toLowerCase();
  const pow = { b: 0, k: 1, m: 2, g: 3, t: 4, p: 5 }[unit] ?? 0;
  return Math.floor(Number(m[1]) * 1024 ** pow);
}

/** Spark's time strings: "100ms", "3s", "1min", "2h"; bare numbers use `defaultUnit`. */
export function parseTimeMs(value: string, defaultUnit: "ms" | "s" = "ms"): number {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d|us)?\s*$/i.exec(value);
  if (!m) throw new RangeError(`Invalid time '${value}'`);
  const unit = (m[2] ?? defaultUnit).toLowerCase();
  const factor: Record<string, number> = {
    us: 0.001,
    ms: 1,
    s: 1000,
    m: 60_000,
    min: 60_000,
    h: 3_600_000,
    d: 86_400_000,
  };
  return Number(m[1]) * (factor[unit] ?? 1);
}

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  const s = v.trim().toLowerCase();
  if (s === "true") return true;
  if (s === "false") return false;
  throw new RangeError(`Invalid boolean '${v}'`);
}

function num(v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new RangeError(`Invalid number '${v}'`);
  return n;
}

function codecName(v: string): CompressionCodecName {
  const s = v.trim().toLowerCase();
  if (s === "lz4" || s === "zstd" || s === "none") return s;
  throw new RangeError(`Unsupported spark.io.compression.codec '${v}': use lz4 or zstd`);
}

/** Builds the runtime config from a master string and Spark settings. */
export function parseRuntimeConf(
  master: string,
  settings: Readonly<Record<string, string>> = {},
): RuntimeConf {
  const spec = parseMaster(master);
  const s = (key: string) => settings[key];
  const codec = codecName(s("spark.io.compression.codec") ?? "lz4");
  // local mode: the executor lives in the driver, so the driver's memory sizes it (as in
  // Spark, where spark.executor.memory has no effect locally); the session's defaults set both
  const memory = s("spark.driver.memory") ?? s("spark.executor.memory") ?? "1g";
  const reserved = s("spark.testing.reservedMemory");
  const reaper = bool(s("spark.task.reaper.enabled"), false);
  return {
    appId: s("spark.app.id") ?? `local-${Date.now()}`,
    slotsPerExecutor: spec.slots,
    maxTaskFailures: spec.maxTaskFailures ?? num(s("spark.task.maxFailures"), 4),
    maxConsecutiveStageAttempts: num(s("spark.stage.maxConsecutiveAttempts"), 4),
    executorMemory: parseBytes(memory, "m"),
    memoryFraction: num(s("spark.memory.fraction"), 0.6),
    storageFraction: num(s("spark.memory.storageFraction"), 0.5),
    reservedMemory: reserved === undefined ? undefined : parseBytes(reserved),
    shuffleCodec: bool(s("spark.shuffle.compress"), true) ? codec : "none",
    spillCodec: bool(s("spark.shuffle.spill.compress"), true) ? codec : "none",
    localDir: s("spark.local.dir")?.split(",")[0] ?? os.tmpdir(),
    speculation: bool(s("spark.speculation"), false),
    speculationIntervalMs: parseTimeMs(s("spark.speculation.interval") ?? "100ms"),
    speculationMultiplier: num(s("spark.speculation.multiplier"), 1.5),
    speculationQuantile: num(s("spark.speculation.quantile"), 0.75),
    speculationMinTaskRuntimeMs: parseTimeMs(s("spark.speculation.minTaskRuntime") ?? "100ms"),
    showConsoleProgress: bool(s("spark.ui.showConsoleProgress"), true),
    taskReaperKillTimeoutMs: reaper
      ? parseTimeMs(s("spark.task.reaper.killTimeout") ?? "-1", "ms")
      : -1,
  };
}
