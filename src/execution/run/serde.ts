/**
 * Plan fragments as JSON: a task is data, never a closure. bigint and byte array values
 * (literals, local rows) are tagged so they survive the round trip, as are the numbers JSON
 * cannot spell (NaN, the infinities, and -0.0, which JSON writes as 0); everything else in
 * a physical plan is plain JSON already.
 */
const BIGINT = "$bigint";
const BYTES = "$bytes";
const SET = "$set";

function replacer(_k: string, v: unknown): unknown {
  if (typeof v === "bigint") return { [BIGINT]: v.toString() };
  if (v instanceof Uint8Array)
    return { [BYTES]: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
  if (v instanceof Set) return { [SET]: [...v] };
  if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0)))
    return { $num: Object.is(v, -0) ? "-0" : String(v) };
  return v;
}

/**
 * Restores tagged values in place, children first (what a JSON.parse reviver does, at a
 * fraction of its cost: no callback per primitive).
 */
function revive(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = revive(v[i]);
    return v;
  }
  const o = v as Record<string, unknown>;
  if (typeof o[BIGINT] === "string") return BigInt(o[BIGINT]);
  if (typeof o[BYTES] === "string") return new Uint8Array(Buffer.from(o[BYTES], "base64"));
  if (Array.isArray(o[SET])) return new Set((o[SET] as unknown[]).map(revive));
  if (typeof o.$num === "string" && Object.keys(o).length === 1) return Number(o.$num);
  for (const k in o) o[k] = revive(o[k]);
  return o;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer);
}

/** Parses JSON written by `toJson` (the result is deeply frozen-safe plain data). */
export function fromJson<T>(json: string): T {
  return revive(JSON.parse(json)) as T;
}
