/** The settings the physical planner reads, from the session's configuration snapshot. */

/** What the planner needs from the session (a `ConfigSnapshot` fits `conf`). */
export interface PlannerContext {
  readonly conf: { get(key: string): string | undefined };
  /** Task slots of the runtime (Spark's defaultParallelism: N of local[N]). */
  readonly defaultParallelism: number;
}

export interface PlannerSettings {
  readonly shufflePartitions: number;
  readonly autoBroadcastJoinThreshold: number;
  readonly wholeStageCodegen: boolean;
  readonly ansi: boolean;
  readonly defaultParallelism: number;
}

const UNITS: Record<string, number> = {
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

/** `10485760`, `10MB`, `10m`, `-1` as bytes. */
export function parseByteSize(v: string): number {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(v);
  if (m === null) return Number.NaN;
  const unit = (m[2] ?? "").toLowerCase();
  const mult = unit === "" ? 1 : UNITS[unit];
  return mult === undefined ? Number.NaN : Number(m[1]) * mult;
}

export function plannerSettings(ctx: PlannerContext): PlannerSettings {
  const get = (k: string, d: string): string => ctx.conf.get(k) ?? d;
  return {
    shufflePartitions: Number.parseInt(get("spark.sql.shuffle.partitions", "200"), 10),
    autoBroadcastJoinThreshold: parseByteSize(
      get("spark.sql.autoBroadcastJoinThreshold", "10485760"),
    ),
    wholeStageCodegen: get("spark.sql.codegen.wholeStage", "true").trim().toLowerCase() === "true",
    ansi: get("spark.sql.ansi.enabled", "true").trim().toLowerCase() === "true",
    defaultParallelism: ctx.defaultParallelism,
  };
}
