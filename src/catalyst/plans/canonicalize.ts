/**
 * Plan fingerprints that ignore expression ids, for Spark's `sameResult`: two analyses of
 * the same DataFrame give structurally equal plans whose aliases carry different ids.
 * Ids are renumbered in order of first appearance (children before parents), so the
 * fingerprint of equal computations is equal. Rows of local relations are identified by
 * object identity rather than content, which keeps fingerprints cheap.
 */
import type { LogicalPlan } from "./logical-plan.ts";

const rowIds = new WeakMap<object, number>();
let nextRowId = 0;

function rowsId(rows: object): number {
  let id = rowIds.get(rows);
  if (id === undefined) {
    id = nextRowId++;
    rowIds.set(rows, id);
  }
  return id;
}

export function planFingerprint(plan: LogicalPlan): string {
  const ids = new Map<number, number>();
  const canonicalId = (id: number): number => {
    let c = ids.get(id);
    if (c === undefined) {
      c = ids.size;
      ids.set(id, c);
    }
    return c;
  };
  return JSON.stringify(plan, function (this: unknown, key: string, value: unknown): unknown {
    if (typeof value === "bigint") return `${value}n`;
    if (key === "exprId" || key === "resultId") return canonicalId(value as number);
    if (key === "rows" && typeof value === "object" && value !== null)
      return `rows#${rowsId(value)}`;
    if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString("base64")}`;
    return value;
  });
}
