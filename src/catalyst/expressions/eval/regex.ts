/**
 * LIKE patterns and Java regular expressions as JavaScript RegExps. LIKE follows Spark's
 * escapeLikeRegex (`_` one character, `%` any run, the escape character may only precede
 * `_`, `%` or itself). Java regexes are translated for the common subset: leading inline
 * flags `(?i)` `(?s)` `(?m)` `(?x)`-less, `\Q...\E` quoting, `\A` `\z` `\Z` anchors and
 * the POSIX classes `\p{Alpha}` and friends; compiled patterns are cached.
 */
import { FlintError } from "../../../errors/index.ts";

function sqlString(s: string): string {
  return `'${s.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

const REGEX_META = /[.*+?^${}()|[\]\\/]/g;

function escapeRegex(s: string): string {
  return s.replace(REGEX_META, "\\$&");
}

const likeCache = new Map<string, RegExp>();

/** A LIKE pattern as an anchored, dot-all RegExp; raises INVALID_FORMAT for bad escapes. */
export function likeRegex(pattern: string, esc: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? "i" : "s"}${esc}${pattern}`;
  const hit = likeCache.get(key);
  if (hit) return hit;
  let out = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? "";
    if (c === esc) {
      const next = pattern[i + 1];
      if (next === undefined) {
        throw new FlintError("INVALID_FORMAT.ESC_AT_THE_END", { format: sqlString(pattern) });
      }
      if (next === "_" || next === "%" || next === esc) {
        out += escapeRegex(next);
        i++;
      } else {
        throw new FlintError("INVALID_FORMAT.ESC_IN_THE_MIDDLE", {
          format: sqlString(pattern),
          char: sqlString(next),
        });
      }
    } else if (c === "_") {
      out += ".";
    } else if (c === "%") {
      out += ".*";
    } else {
      out += escapeRegex(c);
    }
  }
  out += "$";
  const re = new RegExp(out, caseInsensitive ? "isu" : "su");
  if (likeCache.size > 1000) likeCache.clear();
  likeCache.set(key, re);
  return re;
}

const POSIX: Readonly<Record<string, string>> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: "\\x00-\\x7F",
  Alpha: "a-zA-Z",
  Digit: "0-9",
  Alnum: "a-zA-Z0-9",
  Punct: "!-\\/:-@\\[-`{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1F\\x7F",
  XDigit: "0-9a-fA-F",
  Space: " \\t\\n\\x0B\\f\\r",
};

/** Translates a Java regex to JavaScript source and flags (best effort). */
export function translateJavaRegex(pattern: string): { source: string; flags: string } {
  let p = pattern;
  let flags = "";
  const lead = /^\(\?([imsux]+)\)/.exec(p);
  if (lead) {
    for (const f of lead[1] ?? "")
      if ((f === "i" || f === "m" || f === "s") && !flags.includes(f)) flags += f;
    p = p.slice(lead[0].length);
  }
  let out = "";
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i] ?? "";
    if (c === "\\") {
      const n = p[i + 1] ?? "";
      if (n === "Q") {
        const end = p.indexOf("\\E", i + 2);
        const lit = end < 0 ? p.slice(i + 2) : p.slice(i + 2, end);
        out += escapeRegex(lit);
        i = end < 0 ? p.length : end + 1;
        continue;
      }
      if (!inClass && n === "A") {
        out += "^";
        i++;
        continue;
      }
      if (!inClass && (n === "z" || n === "Z")) {
        out += "$";
        i++;
        continue;
      }
      if (n === "p" || n === "P") {
        const m = /^\{(?:Is)?(\w+)\}/.exec(p.slice(i + 2));
        const cls = m ? POSIX[m[1] ?? ""] : undefined;
        if (m && cls !== undefined) {
          out += inClass ? cls : n === "p" ? `[${cls}]` : `[^${cls}]`;
          i += 1 + m[0].length;
          continue;
        }
      }
      out += c + n;
      i++;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    out += c;
  }
  return { source: out, flags };
}

const rlikeCache = new Map<string, RegExp>();

/** A Java regex compiled for `find()` semantics; INVALID_PARAMETER_VALUE.PATTERN if bad. */
export function javaRegex(pattern: string, functionName = "rlike", flagsExtra = ""): RegExp {
  const key = `${functionName}\u0000${flagsExtra}\u0000${pattern}`;
  const hit = rlikeCache.get(key);
  if (hit) return hit;
  const { source, flags } = translateJavaRegex(pattern);
  let re: RegExp | undefined;
  for (const extra of ["u", ""]) {
    try {
      re = new RegExp(source, flags + flagsExtra + extra);
      break;
    } catch {
      // try the next flag set
    }
  }
  if (!re) {
    throw new FlintError("INVALID_PARAMETER_VALUE.PATTERN", {
      parameter: "`regexp`",
      functionName: `\`${functionName}\``,
      value: sqlString(pattern),
    });
  }
  if (rlikeCache.size > 1000) rlikeCache.clear();
  rlikeCache.set(key, re);
  return re;
}
