/** String functions: concat, substring, trim, pad, replace, split, regexp_*, ... */
import { arrayType, BinaryT, BooleanT, IntegerT, LongT, StringT } from "../../types/data-types.ts";
import type { ScalarFunctionDef } from "../catalog/function-registry.ts";
import { javaRegex } from "../expressions/eval/regex.ts";
import type { Expression } from "../expressions/expression.ts";
import { like, literal, rlike } from "../expressions/factories.ts";
import { dataTypeOf, nullableOf } from "../expressions/typing.ts";
import { decodeCharset, encodeCharset } from "./charsets.ts";
import { alias, call, coerceArgs, coerceToCommonType, info, scalar } from "./helpers.ts";
import {
  cpIndex,
  cpLength,
  cpSlice,
  hasSurrogates,
  substringSQL,
  utf8Length,
  utf16Index,
} from "./strings-util.ts";

const G = "string_funcs";
const STR = StringT;
const INT_MAX = literal(2147483647, IntegerT);
const ONE = literal(1, IntegerT);
const SPACE = literal(" ", StringT);
const EMPTY = literal("", StringT);
const utf8 = new TextEncoder();

const str = (v: unknown): string => v as string;
const int = (v: unknown): number => (typeof v === "bigint" ? Number(v) : (v as number));

const concat: ScalarFunctionDef = {
  kind: "scalar",
  name: "concat",
  info: info(
    G,
    "concat(col1, col2, ..., colN) - Returns the concatenation of col1, col2, ..., colN.",
    "\n    > SELECT concat('Spark', 'SQL');\n     SparkSQL\n  ",
    "1.5.0",
  ),
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  bind: (args, ctx) => {
    const types = args.map(dataTypeOf);
    if (types.some((t) => t.kind === "array")) {
      const c = coerceToCommonType("concat", args, ctx);
      if ("failure" in c) return c;
      return call("concat", c.args, c.type, c.args.some(nullableOf));
    }
    if (types.length > 0 && types.every((t) => t.kind === "binary")) {
      return call("concat", args, BinaryT, args.some(nullableOf));
    }
    const c = coerceArgs(args, [STR], ctx);
    if (!Array.isArray(c)) return c;
    return call("concat", c, STR, c.some(nullableOf));
  },
  eval: (args, c) => {
    if (c.dataType.kind === "array") {
      const out: unknown[] = [];
      for (const a of args) out.push(...(a as unknown[]));
      return out;
    }
    if (c.dataType.kind === "binary") {
      const parts = args as Uint8Array[];
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) {
        out.set(p, o);
        o += p.length;
      }
      return out;
    }
    let s = "";
    for (const a of args) s += a as string;
    return s;
  },
};

const concatWs: ScalarFunctionDef = {
  kind: "scalar",
  name: "concat_ws",
  info: info(
    G,
    "concat_ws(sep[, str | array(str)]+) - Returns the concatenation of the strings separated by `sep`, skipping null values.",
    "\n    > SELECT concat_ws(' ', 'Spark', 'SQL');\n      Spark SQL\n  ",
    "1.5.0",
  ),
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  nullSafe: true,
  bind: (args, ctx) => {
    const expected = args.map((a, i) =>
      i > 0 && dataTypeOf(a).kind === "array" ? { arrayOf: STR } : STR,
    );
    const c = coerceArgs(args, expected, ctx);
    if (!Array.isArray(c)) return c;
    return call("concat_ws", c, STR, nullableOf(c[0] as Expression));
  },
  eval: (args) => {
    const sep = args[0];
    if (sep === null) return null;
    const parts: string[] = [];
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      if (a === null) continue;
      if (Array.isArray(a)) {
        for (const x of a) if (x !== null) parts.push(x as string);
      } else parts.push(a as string);
    }
    return parts.join(sep as string);
  },
};

const length = scalar({
  name: "length",
  info: info(
    G,
    "length(expr) - Returns the character length of string data or number of bytes of binary data.",
    "\n    > SELECT length('Spark SQL ');\n     10\n  ",
    "1.5.0",
  ),
  args: [{ oneOf: [STR, BinaryT] }],
  result: IntegerT,
  eval: ([v]) => (v instanceof Uint8Array ? v.length : cpLength(str(v))),
});

const octetLength = scalar({
  name: "octet_length",
  info: info(
    G,
    "octet_length(expr) - Returns the byte length of string data or number of bytes of binary data.",
    "\n    > SELECT octet_length('Spark SQL');\n     9\n  ",
    "2.3.0",
  ),
  args: [{ oneOf: [STR, BinaryT] }],
  result: IntegerT,
  eval: ([v]) => (v instanceof Uint8Array ? v.length : utf8Length(str(v))),
});

const bitLength = scalar({
  name: "bit_length",
  info: info(
    G,
    "bit_length(expr) - Returns the bit length of string data or number of bits of binary data.",
    "\n    > SELECT bit_length('Spark SQL');\n     72\n  ",
    "2.3.0",
  ),
  args: [{ oneOf: [STR, BinaryT] }],
  result: IntegerT,
  eval: ([v]) => 8 * (v instanceof Uint8Array ? v.length : utf8Length(str(v))),
});

const upper = scalar({
  name: "upper",
  info: info(
    G,
    "upper(str) - Returns `str` with all characters changed to uppercase.",
    "\n    > SELECT upper('SparkSql');\n     SPARKSQL\n  ",
  ),
  args: [STR],
  result: STR,
  eval: ([v]) => str(v).toUpperCase(),
});

const lower = scalar({
  name: "lower",
  info: info(
    G,
    "lower(str) - Returns `str` with all characters changed to lowercase.",
    "\n    > SELECT lower('SparkSql');\n     sparksql\n  ",
  ),
  args: [STR],
  result: STR,
  eval: ([v]) => str(v).toLowerCase(),
});

const initcap = scalar({
  name: "initcap",
  info: info(
    G,
    "initcap(str) - Returns `str` with the first letter of each word in uppercase. All other letters are in lowercase. Words are delimited by white space.",
    "\n    > SELECT initcap('sPark sql');\n     Spark Sql\n  ",
    "1.5.0",
  ),
  args: [STR],
  result: STR,
  eval: ([v]) =>
    str(v)
      .toLowerCase()
      .split(" ")
      .map((w) => {
        const first = w.codePointAt(0);
        if (first === undefined) return w;
        const ch = String.fromCodePoint(first);
        return ch.toUpperCase() + w.slice(ch.length);
      })
      .join(" "),
});

const substring = scalar({
  name: "substring",
  info: info(
    G,
    "substring(str, pos[, len]) - Returns the substring of `str` that starts at `pos` and is of length `len`, or the slice of byte array that starts at `pos` and is of length `len`.",
    "\n    > SELECT substring('Spark SQL', 5);\n     k SQL\n    > SELECT substring('Spark SQL', -3);\n     SQL\n    > SELECT substring('Spark SQL', 5, 1);\n     k\n  ",
    "1.5.0",
  ),
  args: [{ oneOf: [STR, BinaryT] }, IntegerT, IntegerT],
  minArgs: 2,
  defaults: [INT_MAX],
  result: (ts) => (ts[0]?.kind === "binary" ? BinaryT : STR),
  eval: ([s, p, l]) => {
    if (s instanceof Uint8Array) {
      const n = s.length;
      const pos = int(p);
      let start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : 0;
      const end = Math.min(start + int(l), n);
      start = Math.max(start, 0);
      return start >= end ? new Uint8Array(0) : s.slice(start, end);
    }
    return substringSQL(str(s), int(p), int(l));
  },
});

const left = scalar({
  name: "left",
  info: info(
    G,
    "left(str, len) - Returns the leftmost `len`(`len` can be string type) characters from the string `str`,if `len` is less or equal than 0 the result is an empty string.",
    "\n    > SELECT left('Spark SQL', 3);\n     Spa\n  ",
    "2.3.0",
  ),
  args: [STR, IntegerT],
  result: STR,
  eval: ([s, l]) => (int(l) <= 0 ? "" : substringSQL(str(s), 1, int(l))),
});

const right = scalar({
  name: "right",
  info: info(
    G,
    "right(str, len) - Returns the rightmost `len`(`len` can be string type) characters from the string `str`,if `len` is less or equal than 0 the result is an empty string.",
    "\n    > SELECT right('Spark SQL', 3);\n     SQL\n  ",
    "2.3.0",
  ),
  args: [STR, IntegerT],
  result: STR,
  eval: ([s, l]) => (int(l) <= 0 ? "" : substringSQL(str(s), -int(l), int(l))),
});

function trimChars(s: string, chars: string, leading: boolean, trailing: boolean): string {
  let start = 0;
  let end = s.length;
  if (leading) while (start < end && chars.includes(s[start] ?? "")) start++;
  if (trailing) while (end > start && chars.includes(s[end - 1] ?? "")) end--;
  return s.slice(start, end);
}

function trimDef(
  name: string,
  leading: boolean,
  trailing: boolean,
  usage: string,
  example: string,
) {
  return scalar({
    name,
    info: info(G, usage, example, "1.5.0"),
    args: [STR, STR],
    minArgs: 1,
    maxArgs: 2,
    result: STR,
    // The two-argument call form is (trimStr, str) for trim/ltrim/rtrim (Spark's
    // StringTrim builders) but (str, trimStr) for btrim.
    eval: (args) =>
      args.length > 1
        ? name === "btrim"
          ? trimChars(str(args[0]), str(args[1]), leading, trailing)
          : trimChars(str(args[1]), str(args[0]), leading, trailing)
        : trimChars(str(args[0]), " ", leading, trailing),
  });
}

const trim = trimDef(
  "trim",
  true,
  true,
  "trim(str[, trimStr]) - Removes the leading and trailing space (or `trimStr`) characters from `str`.",
  "\n    > SELECT trim('    SparkSQL   ');\n     SparkSQL\n  ",
);
const ltrim = trimDef(
  "ltrim",
  true,
  false,
  "ltrim(str[, trimStr]) - Removes the leading space (or `trimStr`) characters from `str`.",
  "\n    > SELECT ltrim('    SparkSQL   ');\n     SparkSQL   \n  ",
);
const rtrim = trimDef(
  "rtrim",
  false,
  true,
  "rtrim(str[, trimStr]) - Removes the trailing space (or `trimStr`) characters from `str`.",
  "\n    > SELECT rtrim('    SparkSQL   ');\n         SparkSQL\n  ",
);
const btrim = trimDef(
  "btrim",
  true,
  true,
  "btrim(str[, trimStr]) - Removes the leading and trailing space (or `trimStr`) characters from `str`.",
  "\n    > SELECT btrim('    SparkSQL   ');\n     SparkSQL\n  ",
);

function pad(s: string, len: number, p: string, leftSide: boolean): string {
  if (len <= 0) return "";
  const n = cpLength(s);
  if (len <= n) return cpSlice(s, 0, len);
  if (p === "") return s;
  const need = len - n;
  const pcp = Array.from(p);
  let fill = "";
  for (let i = 0; i < need; i++) fill += pcp[i % pcp.length];
  return leftSide ? fill + s : s + fill;
}

const lpad = scalar({
  name: "lpad",
  info: info(
    G,
    "lpad(str, len[, pad]) - Returns `str`, left-padded with `pad` to a length of `len`. If `str` is longer than `len`, the return value is shortened to `len` characters.",
    "\n    > SELECT lpad('hi', 5, '??');\n     ???hi\n  ",
    "1.5.0",
  ),
  args: [STR, IntegerT, STR],
  minArgs: 2,
  defaults: [SPACE],
  result: STR,
  eval: ([s, l, p]) => pad(str(s), int(l), str(p), true),
});

const rpad = scalar({
  name: "rpad",
  info: info(
    G,
    "rpad(str, len[, pad]) - Returns `str`, right-padded with `pad` to a length of `len`. If `str` is longer than `len`, the return value is shortened to `len` characters.",
    "\n    > SELECT rpad('hi', 5, '??');\n     hi???\n  ",
    "1.5.0",
  ),
  args: [STR, IntegerT, STR],
  minArgs: 2,
  defaults: [SPACE],
  result: STR,
  eval: ([s, l, p]) => pad(str(s), int(l), str(p), false),
});

const replace = scalar({
  name: "replace",
  info: info(
    G,
    "replace(str, search[, replace]) - Replaces all occurrences of `search` with `replace`.",
    "\n    > SELECT replace('ABCabc', 'abc', 'DEF');\n     ABCDEF\n  ",
    "2.3.0",
  ),
  args: [STR, STR, STR],
  minArgs: 2,
  defaults: [EMPTY],
  result: STR,
  eval: ([s, f, r]) => (str(f) === "" ? s : str(s).replaceAll(str(f), str(r))),
});

const translate = scalar({
  name: "translate",
  info: info(
    G,
    "translate(input, from, to) - Translates the `input` string by replacing the characters present in the `from` string with the corresponding characters in the `to` string.",
    "\n    > SELECT translate('AaBbCc', 'abc', '123');\n     A1B2C3\n  ",
    "1.5.0",
  ),
  args: [STR, STR, STR],
  result: STR,
  eval: ([s, f, t]) => {
    const from = Array.from(str(f));
    const to = Array.from(str(t));
    const map = new Map<string, string>();
    for (let i = 0; i < from.length; i++) {
      const ch = from[i] as string;
      if (!map.has(ch)) map.set(ch, to[i] ?? "");
    }
    let out = "";
    for (const ch of str(s)) out += map.has(ch) ? map.get(ch) : ch;
    return out;
  },
});

const instr = scalar({
  name: "instr",
  info: info(
    G,
    "instr(str, substr) - Returns the (1-based) index of the first occurrence of `substr` in `str`.",
    "\n    > SELECT instr('SparkSQL', 'SQL');\n     6\n  ",
    "1.5.0",
  ),
  args: [STR, STR],
  result: IntegerT,
  eval: ([s, sub]) => {
    const i = str(s).indexOf(str(sub));
    return i < 0 ? 0 : cpIndex(str(s), i) + 1;
  },
});

function locateImpl(sub: string, s: string, pos: number): number {
  if (pos < 1) return 0;
  const from = utf16Index(s, pos - 1);
  if (from > s.length) return 0;
  const i = s.indexOf(sub, from);
  return i < 0 ? 0 : cpIndex(s, i) + 1;
}

const locate = scalar({
  name: "locate",
  info: info(
    G,
    "locate(substr, str[, pos]) - Returns the position of the first occurrence of `substr` in `str` after position `pos`. The given `pos` and return value are 1-based.",
    "\n    > SELECT locate('bar', 'foobarbar');\n     4\n    > SELECT locate('bar', 'foobarbar', 5);\n     7\n  ",
    "1.5.0",
  ),
  args: [STR, STR, IntegerT],
  minArgs: 2,
  defaults: [ONE],
  result: IntegerT,
  eval: ([sub, s, p]) => locateImpl(str(sub), str(s), int(p)),
});

const reverse: ScalarFunctionDef = {
  kind: "scalar",
  name: "reverse",
  info: info(
    "collection_funcs",
    "reverse(array) - Returns a reversed string or an array with reverse order of elements.",
    "\n    > SELECT reverse('Spark SQL');\n     LQS krapS\n    > SELECT reverse(array(2, 1, 4, 3));\n     [3,4,1,2]\n  ",
    "1.5.0",
  ),
  minArgs: 1,
  maxArgs: 1,
  bind: (args, ctx) => {
    const t = dataTypeOf(args[0] as Expression);
    if (t.kind === "array") return call("reverse", args, t, args.some(nullableOf));
    const c = coerceArgs(args, [STR], ctx);
    if (!Array.isArray(c)) return c;
    return call("reverse", c, STR, c.some(nullableOf));
  },
  eval: ([v]) => {
    if (Array.isArray(v)) return [...v].reverse();
    const s = str(v);
    return hasSurrogates(s) ? Array.from(s).reverse().join("") : s.split("").reverse().join("");
  },
};

const repeat = scalar({
  name: "repeat",
  info: info(
    G,
    "repeat(str, n) - Returns the string which repeats the given string value n times.",
    "\n    > SELECT repeat('123', 2);\n     123123\n  ",
    "1.5.0",
  ),
  args: [STR, IntegerT],
  result: STR,
  eval: ([s, n]) => (int(n) <= 0 ? "" : str(s).repeat(int(n))),
});

/** Java's String.split(regex, limit). */
export function javaSplit(s: string, re: RegExp, limit: number): string[] {
  if (s === "") return [""];
  const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
  const out: string[] = [];
  let last = 0;
  for (let m = g.exec(s); m !== null; m = g.exec(s)) {
    if (m[0].length === 0) {
      if (m.index >= s.length) break;
      if (m.index === 0) {
        g.lastIndex = m.index + 1;
        continue;
      }
    }
    if (limit > 0 && out.length === limit - 1) break;
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[0].length === 0) g.lastIndex = m.index + 1;
  }
  out.push(s.slice(last));
  if (limit === 0) while (out.length > 1 && out[out.length - 1] === "") out.pop();
  return out;
}

const split = scalar({
  name: "split",
  info: info(
    G,
    "split(str, regex, limit) - Splits `str` around occurrences that match `regex` and returns an array with a length of at most `limit`",
    '\n    > SELECT split(\'oneAtwoBthreeC\', \'[ABC]\');\n     ["one","two","three",""]\n    > SELECT split(\'oneAtwoBthreeC\', \'[ABC]\', 2);\n     ["one","twoBthreeC"]\n  ',
    "1.5.0",
  ),
  args: [STR, STR, IntegerT],
  minArgs: 2,
  defaults: [literal(-1, IntegerT)],
  result: arrayType(STR, false),
  eval: ([s, r, l]) => {
    const limit = int(l) <= 0 ? -1 : int(l);
    return javaSplit(str(s), javaRegex(str(r), "split"), limit);
  },
});

const ascii = scalar({
  name: "ascii",
  info: info(
    G,
    "ascii(str) - Returns the numeric value of the first character of `str`.",
    "\n    > SELECT ascii('222');\n     50\n    > SELECT ascii(2);\n     50\n  ",
    "1.5.0",
  ),
  args: [STR],
  result: IntegerT,
  eval: ([s]) => str(s).codePointAt(0) ?? 0,
});

const chr = scalar({
  name: "chr",
  info: info(
    G,
    "chr(expr) - Returns the ASCII character having the binary equivalent to `expr`. If n is larger than 256 the result is equivalent to chr(n % 256)",
    "\n    > SELECT chr(65);\n     A\n  ",
    "2.3.0",
  ),
  args: [LongT],
  result: STR,
  eval: ([n]) => {
    const x = n as bigint;
    if (x < 0n) return "";
    return String.fromCharCode(Number(x & 0xffn));
  },
});

const space = scalar({
  name: "space",
  info: info(
    G,
    "space(n) - Returns a string consisting of `n` spaces.",
    "\n    > SELECT concat(space(2), '1');\n       1\n  ",
    "1.5.0",
  ),
  args: [IntegerT],
  result: STR,
  eval: ([n]) => (int(n) <= 0 ? "" : " ".repeat(int(n))),
});

const startsWith = scalar({
  name: "startswith",
  info: info(
    G,
    "startswith(left, right) - Returns a boolean. The value is True if left starts with right.",
    "\n    > SELECT startswith('Spark SQL', 'Spark');\n     true\n  ",
    "3.3.0",
  ),
  args: [STR, STR],
  result: BooleanT,
  eval: ([a, b]) => str(a).startsWith(str(b)),
});

const endsWith = scalar({
  name: "endswith",
  info: info(
    G,
    "endswith(left, right) - Returns a boolean. The value is True if left ends with right.",
    "\n    > SELECT endswith('Spark SQL', 'SQL');\n     true\n  ",
    "3.3.0",
  ),
  args: [STR, STR],
  result: BooleanT,
  eval: ([a, b]) => str(a).endsWith(str(b)),
});

const contains = scalar({
  name: "contains",
  info: info(
    G,
    "contains(left, right) - Returns a boolean. The value is True if right is found inside left.",
    "\n    > SELECT contains('Spark SQL', 'Spark');\n     true\n  ",
    "3.3.0",
  ),
  args: [STR, STR],
  result: BooleanT,
  eval: ([a, b]) => str(a).includes(str(b)),
});

const substringIndex = scalar({
  name: "substring_index",
  info: info(
    G,
    "substring_index(str, delim, count) - Returns the substring from `str` before `count` occurrences of the delimiter `delim`.",
    "\n    > SELECT substring_index('www.apache.org', '.', 2);\n     www.apache\n  ",
    "1.5.0",
  ),
  args: [STR, STR, IntegerT],
  result: STR,
  eval: ([s0, d0, c0]) => {
    const s = str(s0);
    const d = str(d0);
    const c = int(c0);
    if (d === "" || c === 0) return "";
    if (c > 0) {
      let i = s.indexOf(d);
      for (let k = 1; k < c && i >= 0; k++) i = s.indexOf(d, i + 1);
      return i < 0 ? s : s.slice(0, i);
    }
    let i = s.lastIndexOf(d);
    for (let k = 1; k < -c && i >= 0; k++) i = i === 0 ? -1 : s.lastIndexOf(d, i - 1);
    return i < 0 ? s : s.slice(i + d.length);
  },
});

/** Java's Matcher.replaceAll replacement syntax ($n, \$) to JavaScript's. */
function javaReplacement(r: string): string {
  let out = "";
  for (let i = 0; i < r.length; i++) {
    const c = r[i] as string;
    if (c === "\\" && i + 1 < r.length) {
      const n = r[++i] as string;
      out += n === "$" ? "$$" : n;
    } else out += c;
  }
  return out;
}

const regexpReplace = scalar({
  name: "regexp_replace",
  info: info(
    "regexp_funcs",
    "regexp_replace(str, regexp, rep[, position]) - Replaces all substrings of `str` that match `regexp` with `rep`.",
    "\n    > SELECT regexp_replace('100-200', '(\\\\d+)', 'num');\n     num-num\n  ",
    "1.5.0",
  ),
  args: [STR, STR, STR, IntegerT],
  minArgs: 3,
  defaults: [ONE],
  result: STR,
  eval: ([s0, r, rep, p]) => {
    const s = str(s0);
    const start = utf16Index(s, int(p) - 1);
    const re = javaRegex(str(r), "regexp_replace", "g");
    re.lastIndex = 0;
    return s.slice(0, start) + s.slice(start).replace(re, javaReplacement(str(rep)));
  },
});

const regexpExtract = scalar({
  name: "regexp_extract",
  info: info(
    "regexp_funcs",
    "regexp_extract(str, regexp[, idx]) - Extract the first string in the `str` that match the `regexp` expression and corresponding to the regex group index.",
    "\n    > SELECT regexp_extract('100-200', '(\\\\d+)-(\\\\d+)', 1);\n     100\n  ",
    "1.5.0",
  ),
  args: [STR, STR, IntegerT],
  minArgs: 2,
  defaults: [ONE],
  result: STR,
  eval: ([s, r, i]) => {
    const re = javaRegex(str(r), "regexp_extract");
    re.lastIndex = 0;
    const m = re.exec(str(s));
    if (!m) return "";
    return m[int(i)] ?? "";
  },
});

const regexpExtractAll = scalar({
  name: "regexp_extract_all",
  info: info(
    "regexp_funcs",
    "regexp_extract_all(str, regexp[, idx]) - Extract all strings in the `str` that match the `regexp` expression and corresponding to the regex group index.",
    "\n    > SELECT regexp_extract_all('100-200, 300-400', '(\\\\d+)-(\\\\d+)', 1);\n     [\"100\",\"300\"]\n  ",
    "3.1.0",
  ),
  args: [STR, STR, IntegerT],
  minArgs: 2,
  defaults: [ONE],
  result: arrayType(STR, true),
  eval: ([s, r, i]) => {
    const re = javaRegex(str(r), "regexp_extract_all", "g");
    const out: string[] = [];
    for (const m of str(s).matchAll(re)) out.push(m[int(i)] ?? "");
    return out;
  },
});

function likeDef(name: string, caseInsensitive: boolean): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(
      "predicate_funcs",
      `${name}(str, pattern[, escape]) - Returns true if str matches \`pattern\` with \`escape\`${caseInsensitive ? " case-insensitively" : ""}, null if any arguments are null, false otherwise.`,
      `\n    > SELECT ${name}('Spark', '_park');\n     true\n  `,
      caseInsensitive ? "3.3.0" : "1.0.0",
    ),
    minArgs: 2,
    maxArgs: 3,
    bind: (args, ctx) => {
      const c = coerceArgs(args.slice(0, 2), [STR, STR], ctx);
      if (!Array.isArray(c)) return c;
      const escArg = args[2];
      const esc =
        escArg?.kind === "Literal" && typeof escArg.value === "string" ? escArg.value : "\\";
      return like(c[0] as Expression, c[1] as Expression, esc, caseInsensitive);
    },
    eval: () => null,
  };
}

function rlikeDef(name: string): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(
      "predicate_funcs",
      `${name}(str, regexp) - Returns true if \`str\` matches \`regexp\`, or false otherwise.`,
      `\n    > SELECT ${name}('1a 2b 14m', '\\\\d+b');\n     true\n  `,
      "1.0.0",
    ),
    minArgs: 2,
    maxArgs: 2,
    bind: (args, ctx) => {
      const c = coerceArgs(args, [STR, STR], ctx);
      if (!Array.isArray(c)) return c;
      return rlike(c[0] as Expression, c[1] as Expression, name === "rlike" ? undefined : name);
    },
    eval: () => null,
  };
}

const base64 = scalar({
  name: "base64",
  info: info(
    G,
    "base64(bin) - Converts the argument from a binary `bin` to a base 64 string.",
    "\n    > SELECT base64('Spark SQL');\n     U3BhcmsgU1FM\n  ",
    "1.5.0",
  ),
  args: [BinaryT],
  result: STR,
  eval: ([b]) => Buffer.from(b as Uint8Array).toString("base64"),
});

const unbase64 = scalar({
  name: "unbase64",
  info: info(
    G,
    "unbase64(str) - Converts the argument from a base 64 string `str` to a binary.",
    "\n    > SELECT unbase64('U3BhcmsgU1FM');\n     Spark SQL\n  ",
    "1.5.0",
  ),
  args: [STR],
  result: BinaryT,
  eval: ([s]) => new Uint8Array(Buffer.from(str(s), "base64")),
});

const hex = scalar({
  name: "hex",
  info: info(
    "math_funcs",
    "hex(expr) - Converts `expr` to hexadecimal.",
    "\n    > SELECT hex(17);\n     11\n    > SELECT hex('Spark SQL');\n     537061726B2053514C\n  ",
    "1.5.0",
  ),
  args: [{ oneOf: [LongT, BinaryT, STR] }],
  result: STR,
  eval: ([v]) => {
    if (typeof v === "bigint") return BigInt.asUintN(64, v).toString(16).toUpperCase();
    const bytes = v instanceof Uint8Array ? v : utf8.encode(str(v));
    return Buffer.from(bytes).toString("hex").toUpperCase();
  },
});

const unhex = scalar({
  name: "unhex",
  info: info(
    "math_funcs",
    "unhex(expr) - Converts hexadecimal `expr` to binary.",
    "\n    > SELECT decode(unhex('537061726B2053514C'), 'UTF-8');\n     Spark SQL\n  ",
    "1.5.0",
  ),
  args: [STR],
  result: BinaryT,
  nullable: true,
  eval: ([v]) => {
    let s = str(v);
    if (!/^[0-9a-fA-F]*$/.test(s)) return null;
    if (s.length % 2 === 1) s = `0${s}`;
    return new Uint8Array(Buffer.from(s, "hex"));
  },
});

const levenshtein = scalar({
  name: "levenshtein",
  info: info(
    G,
    "levenshtein(str1, str2[, threshold]) - Returns the Levenshtein distance between the two given strings.",
    "\n    > SELECT levenshtein('kitten', 'sitting');\n     3\n  ",
    "1.5.0",
  ),
  args: [STR, STR],
  result: IntegerT,
  eval: ([a0, b0]) => {
    const a = Array.from(str(a0));
    const b = Array.from(str(b0));
    let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) {
        cur[j] = Math.min(
          (prev[j] ?? 0) + 1,
          (cur[j - 1] ?? 0) + 1,
          (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
      }
      prev = cur;
    }
    return prev[b.length] ?? 0;
  },
});

const findInSet = scalar({
  name: "find_in_set",
  info: info(
    G,
    "find_in_set(str, str_array) - Returns the index (1-based) of the given string (`str`) in the comma-delimited list (`str_array`).",
    "\n    > SELECT find_in_set('ab','abc,b,ab,c,def');\n     3\n  ",
    "1.5.0",
  ),
  args: [STR, STR],
  result: IntegerT,
  eval: ([s, l]) => (str(s).includes(",") ? 0 : str(l).split(",").indexOf(str(s)) + 1),
});

const elt = scalar({
  name: "elt",
  info: info(
    G,
    "elt(n, input1, input2, ...) - Returns the `n`-th input, e.g., returns `input2` when `n` is 2.",
    "\n    > SELECT elt(1, 'scala', 'java');\n     scala\n  ",
    "2.0.0",
  ),
  args: [IntegerT, STR],
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  result: STR,
  nullable: true,
  nullSafe: true,
  eval: (args) => {
    const n = args[0];
    if (n === null) return null;
    const v = args[int(n)];
    return int(n) < 1 || v === undefined ? null : v;
  },
});

/** A small subset of java.util.Formatter: %s %d %f %e %x %b %c %% %n with flags/width. */
export function javaFormat(fmt: string, args: readonly unknown[]): string {
  let argi = 0;
  return fmt.replace(
    /%(\d+\$)?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([sSdfeExXbBcn%])/g,
    (
      _m,
      pos: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      conv: string,
    ) => {
      if (conv === "%") return "%";
      if (conv === "n") return "\n";
      const v = pos ? args[Number(pos.slice(0, -1)) - 1] : args[argi++];
      let s: string;
      switch (conv) {
        case "d":
          s = v === null || v === undefined ? "null" : String(v);
          if (flags.includes(",") && v !== null) s = BigInt(s).toLocaleString("en-US");
          if (flags.includes("+") && !s.startsWith("-")) s = `+${s}`;
          break;
        case "f":
          s =
            v === null || v === undefined
              ? "null"
              : Number(v).toFixed(prec === undefined ? 6 : Number(prec));
          break;
        case "e":
        case "E":
          s =
            v === null || v === undefined
              ? "null"
              : Number(v).toExponential(prec === undefined ? 6 : Number(prec));
          s = s.replace(/e([+-])(\d)$/, "e$10$2");
          if (conv === "E") s = s.toUpperCase();
          break;
        case "x":
        case "X":
          s =
            v === null || v === undefined
              ? "null"
              : BigInt.asUintN(64, BigInt(v as number)).toString(16);
          if (conv === "X") s = s.toUpperCase();
          break;
        case "b":
        case "B":
          s = String(v !== null && v !== undefined && v !== false);
          break;
        case "c":
          s = typeof v === "number" ? String.fromCodePoint(v) : String(v);
          break;
        default:
          s = v === null || v === undefined ? "null" : String(v);
          if (prec !== undefined) s = s.slice(0, Number(prec));
          if (conv === "S") s = s.toUpperCase();
      }
      if (width !== undefined && s.length < Number(width)) {
        const w = Number(width);
        if (flags.includes("-")) s = s.padEnd(w);
        else if (flags.includes("0") && conv !== "s") {
          const neg = s.startsWith("-");
          s = (neg ? "-" : "") + s.slice(neg ? 1 : 0).padStart(w - (neg ? 1 : 0), "0");
        } else s = s.padStart(w);
      }
      return s;
    },
  );
}

const formatString = scalar({
  name: "format_string",
  info: info(
    G,
    "format_string(strfmt, obj, ...) - Returns a formatted string from printf-style format strings.",
    '\n    > SELECT format_string("Hello World %d %s", 100, "days");\n     Hello World 100 days\n  ',
    "1.5.0",
  ),
  args: [STR, "any"],
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  result: STR,
  nullSafe: true,
  nullable: true,
  eval: (args) => (args[0] === null ? null : javaFormat(str(args[0]), args.slice(1))),
});

const encode = scalar({
  name: "encode",
  info: info(
    G,
    "encode(str, charset) - Encodes the first argument using the second argument character set.",
    "\n    > SELECT encode('abc', 'utf-8');\n     abc\n  ",
    "1.5.0",
  ),
  args: [STR, STR],
  result: BinaryT,
  eval: ([s, charset]) => encodeCharset(str(s), str(charset)),
});

const decode: ScalarFunctionDef = scalar({
  name: "decode_binary",
  info: info(
    G,
    "decode(bin, charset) - Decodes the first argument using the second argument character set.",
    "\n    > SELECT decode(encode('abc', 'utf-8'), 'utf-8');\n     abc\n  ",
    "1.5.0",
  ),
  args: [BinaryT, STR],
  result: STR,
  eval: ([b, charset]) => decodeCharset(b as Uint8Array, str(charset)),
});

export const STRING_FUNCTIONS: readonly ScalarFunctionDef[] = [
  concat,
  concatWs,
  length,
  alias(length, "char_length"),
  alias(length, "character_length"),
  alias(length, "len"),
  octetLength,
  bitLength,
  upper,
  alias(upper, "ucase"),
  lower,
  alias(lower, "lcase"),
  initcap,
  substring,
  alias(substring, "substr"),
  left,
  right,
  trim,
  ltrim,
  rtrim,
  btrim,
  lpad,
  rpad,
  replace,
  translate,
  instr,
  locate,
  alias(locate, "position"),
  reverse,
  repeat,
  split,
  ascii,
  chr,
  alias(chr, "char"),
  space,
  startsWith,
  endsWith,
  contains,
  substringIndex,
  regexpReplace,
  regexpExtract,
  regexpExtractAll,
  likeDef("like", false),
  likeDef("ilike", true),
  rlikeDef("rlike"),
  rlikeDef("regexp"),
  rlikeDef("regexp_like"),
  base64,
  unbase64,
  hex,
  unhex,
  levenshtein,
  findInSet,
  elt,
  formatString,
  alias(formatString, "printf"),
  encode,
  decode,
];
