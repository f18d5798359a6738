/**
 * `cache()`/`persist()`: remembers which plans are cached and swaps matching subtrees of
 * later queries for `CachedRelation`s, as Spark's CacheManager does. Plans match by
 * fingerprint, which ignores expression ids (Spark's `sameResult`). The data itself lives
 * in the executors' block managers, filled the first time a query reads it.
 */

import type { StorageLevel } from "../api/session-handle.ts";
import { planFingerprint } from "../catalyst/plans/canonicalize.ts";
import type { CachedRelation, LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { outputOf } from "../catalyst/plans/output.ts";
import { transformPlanDown } from "../catalyst/trees/plan-tree.ts";

interface Entry {
  readonly cacheId: number;
  readonly source: LogicalPlan;
  readonly level: StorageLevel;
  /** Fingerprint of the analyzed plan, computed on first use. */
  fingerprint: string | undefined;
  analyzed: LogicalPlan | undefined;
}

let nextCacheId = 0;

export class CacheManager {
  readonly #entries: Entry[] = [];

  /** Registers an (unresolved) plan; analysis happens when it is first needed. */
  persist(source: LogicalPlan, level: StorageLevel): void {
    if (this.#entries.some((e) => e.source === source)) return;
    this.#entries.push({
      cacheId: nextCacheId++,
      source,
      level,
      fingerprint: undefined,
      analyzed: undefined,
    });
  }

  /** Forgets the plan; returns the cache id whose blocks should be removed. */
  unpersist(source: LogicalPlan, analyze: (p: LogicalPlan) => LogicalPlan): number | undefined {
    const fp = planFingerprint(analyze(source));
    const i = this.#entries.findIndex(
      (e) => e.source === source || this.#fingerprint(e, analyze) === fp,
    );
    if (i < 0) return undefined;
    const [removed] = this.#entries.splice(i, 1);
    return removed?.cacheId;
  }

  /** Forgets every cached plan; returns their cache ids. */
  clear(): number[] {
    return this.#entries.splice(0).map((e) => e.cacheId);
  }

  get isEmpty(): boolean {
    return this.#entries.length === 0;
  }

  /** Replaces every subtree of `analyzed` that equals a cached plan by a CachedRelation. */
  useCachedData(analyzed: LogicalPlan, analyze: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
    if (this.#entries.length === 0) return analyzed;
    const byFingerprint = new Map<string, Entry>();
    for (const e of this.#entries) byFingerprint.set(this.#fingerprint(e, analyze), e);
    return transformPlanDown(analyzed, (p) => {
      if (p.kind === "CachedRelation") return undefined;
      const hit = byFingerprint.get(planFingerprint(p));
      if (!hit) return undefined;
      const cached: CachedRelation = Object.freeze({
        kind: "CachedRelation",
        cacheId: hit.cacheId,
        output: outputOf(p),
        plan: p,
        storageLevel: hit.level,
      });
      return cached;
    });
  }

  #fingerprint(e: Entry, analyze: (p: LogicalPlan) => LogicalPlan): string {
    if (e.fingerprint === undefined) {
      e.analyzed = analyze(e.source);
      e.fingerprint = planFingerprint(e.analyzed);
    }
    return e.fingerprint;
  }
}
