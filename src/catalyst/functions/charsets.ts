/**
 * The character sets of Spark's `encode(str, charset)` and `decode(bin, charset)`, with
 * Java's rules: `UTF-16` writes a big-endian byte order mark and reads either mark
 * (big-endian without one), `UTF-16BE`/`LE` write none and keep a leading U+FEFF as text,
 * `UTF-32` is big-endian. Text a charset cannot hold, and bytes that are not valid in it,
 * fail with MALFORMED_CHARACTER_CODING (Spark's default, without the legacy
 * `spark.sql.legacy.codingErrorAction`).
 */
import { FlintError } from "../../errors/index.ts";

const CHARSETS = ["iso-8859-1", "us-ascii", "utf-16", "utf-16be", "utf-16le", "utf-32", "utf-8"];

type Charset = "iso-8859-1" | "us-ascii" | "utf-16" | "utf-16be" | "utf-16le" | "utf-32" | "utf-8";

function charsetOf(charset: string, fn: string): Charset {
  const name = charset.trim().toLowerCase();
  if (CHARSETS.includes(name)) return name as Charset;
  throw new FlintError("INVALID_PARAMETER_VALUE.CHARSET", {
    functionName: `\`${fn}\``,
    parameter: "`charset`",
    charsets: CHARSETS.join(", "),
    charset,
  });
}

function malformed(fn: string, charset: string): FlintError {
  return new FlintError("MALFORMED_CHARACTER_CODING", {
    function: `\`${fn}\``,
    charset: charset.trim().toUpperCase(),
  });
}

function utf16(s: string, bigEndian: boolean, bom: boolean): Uint8Array {
  // Java marks the byte order only when there is something to encode
  const start = bom && s.length > 0 ? 2 : 0;
  const out = new Uint8Array(start + s.length * 2);
  const view = new DataView(out.buffer);
  if (start > 0) view.setUint16(0, 0xfeff, false);
  for (let i = 0; i < s.length; i++) view.setUint16(start + 2 * i, s.charCodeAt(i), !bigEndian);
  return out;
}

/** `encode(s, charset)`. */
export function encodeCharset(s: string, charset: string): Uint8Array {
  const cs = charsetOf(charset, "encode");
  if (!s.isWellFormed()) throw malformed("encode", charset);
  switch (cs) {
    case "utf-8":
      return new TextEncoder().encode(s);
    case "utf-16":
      return utf16(s, true, true);
    case "utf-16be":
      return utf16(s, true, false);
    case "utf-16le":
      return utf16(s, false, false);
    case "utf-32": {
      const points = Array.from(s, (c) => c.codePointAt(0) as number);
      const out = new Uint8Array(points.length * 4);
      const view = new DataView(out.buffer);
      for (let i = 0; i < points.length; i++) view.setUint32(4 * i, points[i] as number, false);
      return out;
    }
    case "iso-8859-1":
    case "us-ascii": {
      const max = cs === "us-ascii" ? 0x7f : 0xff;
      const out = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c > max) throw malformed("encode", charset);
        out[i] = c;
      }
      return out;
    }
  }
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean, charset: string): string {
  try {
    return new TextDecoder(bigEndian ? "utf-16be" : "utf-16le", {
      fatal: true,
      ignoreBOM: true,
    }).decode(bytes);
  } catch {
    throw malformed("decode", charset);
  }
}

/** `decode(bytes, charset)`. */
export function decodeCharset(bytes: Uint8Array, charset: string): string {
  const cs = charsetOf(charset, "decode");
  switch (cs) {
    case "utf-8":
      try {
        return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        throw malformed("decode", charset);
      }
    case "utf-16be":
      return decodeUtf16(bytes, true, charset);
    case "utf-16le":
      return decodeUtf16(bytes, false, charset);
    case "utf-16": {
      const mark = bytes.length >= 2 ? ((bytes[0] as number) << 8) | (bytes[1] as number) : 0;
      if (mark === 0xfeff) return decodeUtf16(bytes.subarray(2), true, charset);
      if (mark === 0xfffe) return decodeUtf16(bytes.subarray(2), false, charset);
      return decodeUtf16(bytes, true, charset);
    }
    case "utf-32": {
      if (bytes.length % 4 !== 0) throw malformed("decode", charset);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let out = "";
      for (let i = 0; i < bytes.length; i += 4) {
        const c = view.getUint32(i, false);
        if (i === 0 && c === 0xfeff) continue;
        if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) throw malformed("decode", charset);
        out += String.fromCodePoint(c);
      }
      return out;
    }
    case "iso-8859-1":
    case "us-ascii": {
      let out = "";
      for (const b of bytes) {
        if (cs === "us-ascii" && b > 0x7f) throw malformed("decode", charset);
        out += String.fromCharCode(b);
      }
      return out;
    }
  }
}
