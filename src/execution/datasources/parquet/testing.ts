/** Test helpers shared by the reader and writer tests. */

/** Flint's internal values in the JSON tagging of testdata/gen.py. */
export function tagged(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return { $big: v.toString() };
  if (typeof v === "number") {
    if (Number.isNaN(v)) return { $f: "nan" };
    if (v === Number.POSITIVE_INFINITY) return { $f: "inf" };
    if (v === Number.NEGATIVE_INFINITY) return { $f: "-inf" };
    return v;
  }
  if (v instanceof Uint8Array) return { $bin: Buffer.from(v).toString("hex") };
  if (Array.isArray(v)) return v.map(tagged);
  if (typeof v === "object") {
    const m = v as { keys: unknown[]; values: unknown[] };
    return { keys: m.keys.map(tagged), values: m.values.map(tagged) };
  }
  return v;
}
