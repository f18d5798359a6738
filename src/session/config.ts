/**
 * Session configuration with Spark's keys and defaults. The session owns one mutable
 * `RuntimeConfig`; every query takes an immutable snapshot and passes it down, so no
 * component reads global configuration.
 */
import { FlintError } from "../errors/index.ts";

/** Spark's defaults for the keys Flint reads. */
export const DEFAULTS: Readonly<Record<string, string>> = {
  "spark.master": "local[*]",
  "spark.app.name": "flint",
  "spark.sql.shuffle.partitions": "200",
  "spark.sql.autoBroadcastJoinThreshold": "10485760",
  "spark.sql.ansi.enabled": "true",
  "spark.sql.caseSensitive": "false",
  "spark.sql.session.timeZone": Intl.DateTimeFormat().resolvedOptions().timeZone,
  "spark.sql.optimizer.excludedRules": "",
  "spark.sql.cbo.enabled": "false",
  "spark.sql.cbo.joinReorder.enabled": "false",
  "spark.sql.codegen.wholeStage": "true",
  "spark.sql.adaptive.enabled": "true",
  "spark.sql.files.maxPartitionBytes": "134217728",
  "spark.sql.warehouse.dir": "spark-warehouse",
  "spark.memory.fraction": "0.6",
  "spark.memory.storageFraction": "0.5",
  "spark.driver.memory": "1g",
  "spark.executor.memory": "1g",
  "spark.task.maxFailures": "4",
  "spark.speculation": "false",
  "spark.shuffle.compress": "true",
  "spark.io.compression.codec": "lz4",
  "spark.ui.showConsoleProgress": "true",
};

/** An immutable view of the configuration at the start of a query. */
export class ConfigSnapshot {
  readonly #values: ReadonlyMap<string, string>;

  constructor(values: ReadonlyMap<string, string>) {
    this.#values = values;
  }

  get(key: string): string | undefined {
    return this.#values.get(key) ?? DEFAULTS[key];
  }

  getString(key: string, fallback = ""): string {
    return this.get(key) ?? fallback;
  }

  getBoolean(key: string, fallback = false): boolean {
    const v = this.get(key);
    if (v === undefined) return fallback;
    const s = v.trim().toLowerCase();
    if (s === "true") return true;
    if (s === "false") return false;
    throw new FlintError("INVALID_CONF_VALUE", {
      confValue: v,
      confName: key,
      reason: "It must be true or false.",
    });
  }

  getNumber(key: string, fallback = 0): number {
    const v = this.get(key);
    if (v === undefined) return fallback;
    const n = Number(v.trim());
    if (!Number.isFinite(n)) {
      throw new FlintError("INVALID_CONF_VALUE", {
        confValue: v,
        confName: key,
        reason: "It must be a number.",
      });
    }
    return n;
  }

  /** Sizes like `512m`, `1g`, `10485760` (bytes), as Spark parses them. */
  getBytes(key: string, fallback = 0): number {
    const v = this.get(key);
    return v === undefined ? fallback : parseBytes(v, key);
  }

  entries(): [string, string][] {
    const all = new Map<string, string>(Object.entries(DEFAULTS));
    for (const [k, v] of this.#values) all.set(k, v);
    return [...all.entries()].sort(([a], [b]) => a.localeCompare(b));
  }

  toRecord(): Record<string, string> {
    return Object.fromEntries(this.entries());
  }
}

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
};

export function parseBytes(v: string, key = "size"): number {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  const unit = UNITS[(m?.[2] ?? "b").toLowerCase() || "b"];
  if (!m || unit === undefined) {
    throw new FlintError("INVALID_CONF_VALUE", {
      confValue: v,
      confName: key,
      reason: "It must be a size such as 512m or 1g.",
    });
  }
  return Math.floor(Number(m[1]) * unit);
}

/** `spark.conf`: the session's mutable settings. */
export class RuntimeConfig {
  readonly #values = new Map<string, string>();

  constructor(initial: Iterable<[string, string]> = []) {
    for (const [k, v] of initial) this.#values.set(k, v);
  }

  set(key: string, value: string | number | boolean): void {
    this.#values.set(key, String(value));
  }

  get(key: string, fallback?: string): string | undefined {
    return this.#values.get(key) ?? DEFAULTS[key] ?? fallback;
  }

  unset(key: string): void {
    this.#values.delete(key);
  }

  isModifiable(key: string): boolean {
    return key.startsWith("spark.sql.");
  }

  snapshot(): ConfigSnapshot {
    return new ConfigSnapshot(new Map(this.#values));
  }
}
