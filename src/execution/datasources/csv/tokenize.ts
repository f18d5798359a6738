/**
 * CSV records to fields, as the univocity parser Spark uses: fields split on `sep`, a field
 * starting with the quote character runs to the closing quote (an escaped or doubled quote
 * is a literal quote), an unquoted empty field reads as `nullValue` and a quoted empty one
 * as `emptyValue`. Empty lines and comment lines are skipped. In line mode each line is a
 * record; in multiLine mode line breaks inside quotes belong to the field.
 */
import type { CsvReadOptions } from "./options.ts";

/** Receives each record's fields and its raw text (for `_corrupt_record`). */
export type RecordSink = (fields: readonly string[], raw: string) => void;

/**
 * Tokenizes `text` into records. Returns normally after the last record; `sink` may throw
 * to stop (FAILFAST).
 */
export function tokenizeCsv(text: string, o: CsvReadOptions, sink: RecordSink): void {
  const n = text.length;
  let pos = 0;
  const fields: string[] = [];
  while (pos < n) {
    // Skip line breaks between records (empty lines).
    const c0 = text.charCodeAt(pos);
    if (o.lineSep === undefined && (c0 === 10 || c0 === 13)) {
      pos++;
      continue;
    }
    if (o.lineSep !== undefined && text.startsWith(o.lineSep, pos)) {
      pos += o.lineSep.length;
      continue;
    }
    const start = pos;
    if (o.comment !== "" && text.startsWith(o.comment, pos)) {
      pos = lineEnd(text, pos, o.lineSep);
      continue;
    }
    fields.length = 0;
    pos = parseRecord(text, pos, o, fields);
    let end = pos;
    // Drop the record's terminator from its raw text.
    pos = skipTerminator(text, pos, o.lineSep);
    if (end > start && text.charCodeAt(end - 1) === 13 && o.lineSep === undefined) end--;
    sink(fields, text.slice(start, end));
  }
}

function lineEnd(text: string, pos: number, lineSep: string | undefined): number {
  if (lineSep !== undefined) {
    const i = text.indexOf(lineSep, pos);
    return i < 0 ? text.length : i + lineSep.length;
  }
  let i = pos;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

function skipTerminator(text: string, pos: number, lineSep: string | undefined): number {
  if (pos >= text.length) return pos;
  if (lineSep !== undefined) return text.startsWith(lineSep, pos) ? pos + lineSep.length : pos;
  if (text.charCodeAt(pos) === 13) return text.charCodeAt(pos + 1) === 10 ? pos + 2 : pos + 1;
  if (text.charCodeAt(pos) === 10) return pos + 1;
  return pos;
}

function atLineBreak(text: string, pos: number, lineSep: string | undefined): boolean {
  if (lineSep !== undefined) return text.startsWith(lineSep, pos);
  const c = text.charCodeAt(pos);
  return c === 10 || c === 13;
}

function isWhite(c: number): boolean {
  return c === 32 || c === 9;
}

/** Parses one record starting at `pos`; returns the position of its terminator (or end). */
function parseRecord(text: string, pos: number, o: CsvReadOptions, out: string[]): number {
  const n = text.length;
  const sep = o.sep;
  const sepCode = sep.length === 1 ? sep.charCodeAt(0) : -1;
  const quote = o.quote === "" ? -1 : o.quote.charCodeAt(0);
  const escapeCode = o.escape === "" ? -2 : o.escape.charCodeAt(0);
  let p = pos;
  for (;;) {
    if (o.ignoreLeadingWhiteSpace) while (p < n && isWhite(text.charCodeAt(p))) p++;
    if (p < n && text.charCodeAt(p) === quote) {
      // Quoted field. A quote that neither closes the field (followed by the separator, a
      // line break or the end) nor is escaped makes the field unquoted: univocity's
      // STOP_AT_DELIMITER keeps its raw text up to the next separator.
      const fieldStart = p;
      p++;
      let value = "";
      let segStart = p;
      let raw = false;
      for (;;) {
        if (p >= n) {
          value += text.slice(segStart, p);
          break;
        }
        const c = text.charCodeAt(p);
        if (
          c === escapeCode &&
          escapeCode !== quote &&
          p + 1 < n &&
          text.charCodeAt(p + 1) === quote
        ) {
          value += text.slice(segStart, p) + o.quote;
          p += 2;
          segStart = p;
          continue;
        }
        if (c === quote) {
          if (escapeCode === quote && p + 1 < n && text.charCodeAt(p + 1) === quote) {
            value += text.slice(segStart, p) + o.quote;
            p += 2;
            segStart = p;
            continue;
          }
          const after = p + 1;
          if (
            after >= n ||
            isSep(text, after, sep, sepCode) ||
            atLineBreak(text, after, o.lineSep)
          ) {
            value += text.slice(segStart, p);
            p = after;
            break;
          }
          raw = true;
          break;
        }
        if (!o.multiLine && atLineBreak(text, p, o.lineSep)) {
          value += text.slice(segStart, p);
          break;
        }
        p++;
      }
      if (raw) {
        p = fieldStart;
        while (p < n && !isSep(text, p, sep, sepCode) && !atLineBreak(text, p, o.lineSep)) p++;
        let e = p;
        if (o.ignoreTrailingWhiteSpace)
          while (e > fieldStart && isWhite(text.charCodeAt(e - 1))) e--;
        out.push(text.slice(fieldStart, e));
      } else {
        out.push(value === "" ? o.emptyValue : value);
      }
    } else {
      const s = p;
      if (sepCode >= 0 && o.lineSep === undefined) {
        // The common case, one character compares per position.
        for (; p < n; p++) {
          const c = text.charCodeAt(p);
          if (c === sepCode || c === 10 || c === 13) break;
        }
      } else {
        while (p < n && !isSep(text, p, sep, sepCode) && !atLineBreak(text, p, o.lineSep)) p++;
      }
      let e = p;
      if (o.ignoreTrailingWhiteSpace) while (e > s && isWhite(text.charCodeAt(e - 1))) e--;
      out.push(e === s ? o.nullValue : text.slice(s, e));
    }
    if (p < n && isSep(text, p, sep, sepCode)) {
      p += sep.length;
      continue;
    }
    return p;
  }
}

function isSep(text: string, p: number, sep: string, sepCode: number): boolean {
  return sepCode >= 0 ? text.charCodeAt(p) === sepCode : text.startsWith(sep, p);
}
