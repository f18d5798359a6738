/**
 * What catalog commands need from the session, and small helpers for their result rows.
 */
import type { InternalResult, StorageLevel } from "../../api/session-handle.ts";
import type { FunctionRegistry } from "../../catalyst/catalog/function-registry.ts";
import type { SessionCatalog } from "../../catalyst/catalog/session-catalog.ts";
import { attribute } from "../../catalyst/expressions/factories.ts";
import { localRelation } from "../../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import type { WriteSpec, WriteSummary } from "../../execution/datasources/write/write-job.ts";
import { BooleanT, type DataType, StringT } from "../../types/data-types.ts";
import type { PersistentCatalog } from "./persistent-catalog.ts";

/** The engine's services a command uses (implemented by Engine). */
export interface CommandEngine {
  readonly catalog: SessionCatalog;
  readonly persistent: PersistentCatalog;
  readonly functions: FunctionRegistry;
  analyze(plan: LogicalPlan): LogicalPlan;
  /** Runs a query now, without waiting for queued commands (for a command's own work). */
  executeQuery(plan: LogicalPlan): Promise<InternalResult>;
  /**
   * Queues a command's asynchronous work after earlier commands; the returned (empty)
   * plan's collection waits for it and reports its failure. Later queries wait for it.
   */
  deferred(work: () => Promise<void>): LogicalPlan;
  createTempView(name: string, plan: LogicalPlan, replace: boolean): void;
  persist(plan: LogicalPlan, level: StorageLevel): void;
  unpersist(plan: LogicalPlan): void;
  /** Writes a query's rows as files, from a command's queued work (see executeQuery). */
  writeQuery(plan: LogicalPlan, spec: WriteSpec): Promise<WriteSummary>;
  /** Runs a plan after the queued commands (a command's returned plan reports its failure). */
  collectInternal(plan: LogicalPlan): Promise<InternalResult>;
  /** Asynchronous work a plan needs before analysis (after the queued commands). */
  prepare(plan: LogicalPlan): Promise<void>;
  /** Parses a query (SQL text) into an unresolved plan. */
  parseQuery(sql: string): LogicalPlan;
}

/** An empty result with no columns (a fresh object each time). */
export function noRows(): LogicalPlan {
  return localRelation([], []);
}

/** A result of string columns (`name` or `name:boolean`) and rows of their values. */
export function resultRows(
  columns: readonly (string | readonly [string, DataType])[],
  rows: readonly (readonly unknown[])[],
): LogicalPlan {
  return localRelation(
    columns.map((c) =>
      typeof c === "string" ? attribute(c, StringT, true) : attribute(c[0], c[1], true),
    ),
    rows,
  );
}

export const BOOLEAN = BooleanT;

/** `` `a`.`b` `` */
export function quoteParts(parts: readonly string[]): string {
  return parts.map((p) => `\`${p.replaceAll("`", "``")}\``).join(".");
}

/** Spark's SHOW ... LIKE pattern: `*` any characters, `|` alternatives, case-insensitive. */
export function likePattern(pattern: string | null): (name: string) => boolean {
  if (pattern === null) return () => true;
  const alternatives = pattern.split("|").map((p) => {
    const body = p
      .trim()
      .split("*")
      .map((s) => s.replace(/[.+?^${}()[\]\\]/g, "\\$&"))
      .join(".*");
    return new RegExp(`^${body}$`, "i");
  });
  return (name) => alternatives.some((r) => r.test(name));
}

/**
 * Commands' asynchronous work (writes, statistics scans), run one after another in the
 * order the statements came. Every query waits for the work queued before it; the plan
 * a command returned also reports that command's failure when collected.
 */
export class CommandQueue {
  #pending: Promise<void> = Promise.resolve();
  readonly #results = new WeakMap<LogicalPlan, Promise<void>>();
  /** Plans run by queued work itself, which must not wait for the queue. */
  readonly #exempt = new WeakSet<LogicalPlan>();

  enqueue(work: () => Promise<void>): LogicalPlan {
    const done = this.#pending.then(work);
    this.#pending = done.catch(() => undefined);
    const plan = noRows();
    this.#results.set(plan, done);
    return plan;
  }

  exempt(plan: LogicalPlan): void {
    this.#exempt.add(plan);
  }

  async awaitFor(plan: LogicalPlan): Promise<void> {
    if (this.#exempt.has(plan)) return;
    await this.#pending;
    const own = this.#results.get(plan);
    if (own) await own;
  }
}
