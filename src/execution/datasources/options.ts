/**
 * Data source options: keys are case-insensitive (Spark's CaseInsensitiveMap), values are
 * strings. Readers and writers look options up through these helpers on lower-cased keys.
 */
import { FlintError } from "../../errors/index.ts";

export type SourceOptions = Readonly<Record<string, string>>;

/** The options with lower-cased keys (the last of two spellings wins). */
export function lowerKeys(options: SourceOptions): SourceOptions {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(options)) out[k.toLowerCase()] = v;
  return out;
}

export function optionString(o: SourceOptions, key: string, fallback: string): string {
  const v = o[key];
  return v === undefined ? fallback : v;
}

export function optionBool(o: SourceOptions, key: string, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined) return fallback;
  const t = v.trim().toLowerCase();
  if (t === "true") return true;
  if (t === "false") return false;
  throw new FlintError("INVALID_OPTION_VALUE", { option: key, value: v, expected: "boolean" });
}

export function optionInt(o: SourceOptions, key: string, fallback: number): number {
  const v = o[key];
  if (v === undefined) return fallback;
  const n = Number(v.trim());
  if (!Number.isInteger(n)) {
    throw new FlintError("INVALID_OPTION_VALUE", { option: key, value: v, expected: "integer" });
  }
  return n;
}
