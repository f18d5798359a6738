/** Code-point aware string helpers (Spark counts characters as Unicode code points). */

const SURROGATE = /[\uD800-\uDFFF]/;

export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

/** Number of code points. */
export function cpLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Code points [start, end) of `s` (clamped). */
export function cpSlice(s: string, start: number, end: number): string {
  if (!hasSurrogates(s)) return s.slice(start, end);
  return Array.from(s).slice(start, end).join("");
}

/** Spark's substringSQL: 1-based `pos` (negative counts from the end), `len` characters. */
export function substringSQL(s: string, pos: number, len: number): string {
  const n = cpLength(s);
  let start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : 0;
  let end = start + len;
  if (end > 2147483647) end = 2147483647;
  start = Math.max(start, 0);
  if (start >= end) return "";
  return cpSlice(s, start, end);
}

/** Code point index (0-based) of UTF-16 index `i`. */
export function cpIndex(s: string, i: number): number {
  if (!hasSurrogates(s)) return i;
  return cpLength(s.slice(0, i));
}

/** UTF-16 index of code point index `cp`. */
export function utf16Index(s: string, cp: number): number {
  if (!hasSurrogates(s)) return cp;
  let i = 0;
  let k = 0;
  for (const ch of s) {
    if (k === cp) return i;
    i += ch.length;
    k++;
  }
  return s.length;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
