/**
 * Spark's datetime patterns (`yyyy-MM-dd HH:mm:ss.SSS`, `EEE`, `a`, `XXX`, ...) for
 * date_format / from_unixtime (formatting) and to_date / to_timestamp /
 * unix_timestamp (parsing), over local wall-clock fields.
 */
import { FlintError } from "../../errors/index.ts";
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  floorDivBig,
  isoDayOfWeek,
  MICROS_PER_DAY,
  MICROS_PER_SECOND,
  zoneOffsetSeconds,
} from "../expressions/values/datetime.ts";

type Token =
  | { readonly kind: "field"; readonly letter: string; readonly count: number }
  | { readonly kind: "text"; readonly text: string };

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const LETTERS = new Set("GyYuMLdDEeaHhKkmsSnAVzOXxZQqw".split(""));
const ALLOWED = new Set("GyMLdDEaHhKkmsSVzOXxZQq".split(""));

const cache = new Map<string, readonly Token[]>();

export function tokenize(pattern: string): readonly Token[] {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i] as string;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out.push({ kind: "text", text: "'" });
        i += 2;
        continue;
      }
      const stop = end < 0 ? pattern.length : end;
      out.push({ kind: "text", text: pattern.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    if (/[a-zA-Z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      if (!ALLOWED.has(c)) {
        throw new FlintError("INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER", {
          pattern: `'${pattern}'`,
          c: `'${c}'`,
        });
      }
      void LETTERS;
      out.push({ kind: "field", letter: c, count: j - i });
      i = j;
      continue;
    }
    if (c === "[" || c === "]") {
      i++;
      continue;
    }
    out.push({ kind: "text", text: c });
    i++;
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, out);
  return out;
}

function pad(n: number, w: number): string {
  const s = String(Math.abs(n)).padStart(w, "0");
  return n < 0 ? `-${s}` : s;
}

function offsetText(offsetSec: number, style: "X" | "x" | "Z" | "O", count: number): string {
  if (style === "X" && offsetSec === 0) return "Z";
  const sign = offsetSec < 0 ? "-" : "+";
  const abs = Math.abs(offsetSec);
  const hh = Math.floor(abs / 3600);
  const mm = Math.floor((abs % 3600) / 60);
  if (style === "O") {
    if (offsetSec === 0) return "GMT";
    return count === 4
      ? `GMT${sign}${pad(hh, 2)}:${pad(mm, 2)}`
      : `GMT${sign}${hh}${mm ? `:${pad(mm, 2)}` : ""}`;
  }
  if (style === "Z") {
    if (count === 4) return offsetSec === 0 ? "GMT" : `GMT${sign}${pad(hh, 2)}:${pad(mm, 2)}`;
    if (count === 5) return offsetSec === 0 ? "Z" : `${sign}${pad(hh, 2)}:${pad(mm, 2)}`;
    return `${sign}${pad(hh, 2)}${pad(mm, 2)}`;
  }
  if (count === 1) return `${sign}${pad(hh, 2)}${mm ? pad(mm, 2) : ""}`;
  if (count === 2 || count === 4) return `${sign}${pad(hh, 2)}${pad(mm, 2)}`;
  return `${sign}${pad(hh, 2)}:${pad(mm, 2)}`;
}

/** Formats UTC micros in `zone` with a Spark pattern. */
export function formatWithPattern(micros: bigint, zone: string, pattern: string): string {
  const tokens = tokenize(pattern);
  const offset = zoneOffsetSeconds(zone, Number(floorDivBig(micros, MICROS_PER_SECOND)));
  const local = micros + BigInt(offset) * MICROS_PER_SECOND;
  const days = Number(floorDivBig(local, MICROS_PER_DAY));
  const inDay = Number(local - BigInt(days) * MICROS_PER_DAY);
  const [y, mo, d] = civilFromDays(days);
  const secs = Math.floor(inDay / 1_000_000);
  const frac = inDay % 1_000_000;
  const H = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  let out = "";
  for (const t of tokens) {
    if (t.kind === "text") {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case "G":
        out += n === 4 ? (y > 0 ? "Anno Domini" : "Before Christ") : y > 0 ? "AD" : "BC";
        break;
      case "y":
        out += n === 2 ? pad(((y % 100) + 100) % 100, 2) : pad(y, n);
        break;
      case "M":
      case "L":
        out +=
          n >= 4
            ? (MONTHS[mo - 1] ?? "")
            : n === 3
              ? (MONTHS[mo - 1] ?? "").slice(0, 3)
              : pad(mo, n);
        break;
      case "d":
        out += pad(d, n);
        break;
      case "D":
        out += pad(days - daysFromCivil(y, 1, 1) + 1, n);
        break;
      case "E": {
        const name = DAYS[isoDayOfWeek(days) - 1] ?? "";
        out += n >= 4 ? name : name.slice(0, 3);
        break;
      }
      case "a":
        out += H < 12 ? "AM" : "PM";
        break;
      case "H":
        out += pad(H, n);
        break;
      case "h":
        out += pad(H % 12 === 0 ? 12 : H % 12, n);
        break;
      case "K":
        out += pad(H % 12, n);
        break;
      case "k":
        out += pad(H === 0 ? 24 : H, n);
        break;
      case "m":
        out += pad(m, n);
        break;
      case "s":
        out += pad(s, n);
        break;
      case "S":
        out += String(frac).padStart(6, "0").padEnd(n, "0").slice(0, n);
        break;
      case "Q":
      case "q": {
        const q = Math.floor((mo - 1) / 3) + 1;
        out +=
          n === 3 ? `Q${q}` : n >= 4 ? `${["1st", "2nd", "3rd", "4th"][q - 1]} quarter` : pad(q, n);
        break;
      }
      case "V":
        out += zone;
        break;
      case "z":
        out += shortZoneName(zone, micros);
        break;
      case "O":
        out += offsetText(offset, "O", n);
        break;
      case "X":
        out += offsetText(offset, "X", n);
        break;
      case "x":
        out += offsetText(offset, "x", n);
        break;
      case "Z":
        out += offsetText(offset, "Z", n);
        break;
      default:
        break;
    }
  }
  return out;
}

function shortZoneName(zone: string, micros: bigint): string {
  if (zone === "UTC" || zone === "Z") return "UTC";
  try {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      timeZoneName: "short",
    }).formatToParts(new Date(Number(micros / 1000n)));
    return parts.find((p) => p.type === "timeZoneName")?.value ?? zone;
  } catch {
    return zone;
  }
}

/** Parsed fields: local micros and an explicit offset (seconds) if the text had one. */
export interface ParsedFields {
  readonly local: bigint;
  readonly offsetSeconds: number | null;
}

/** A parse failure: Spark's CANNOT_PARSE_TIMESTAMP message. */
export class PatternParseError extends Error {}

/** Parses `text` with a Spark pattern; throws PatternParseError when it does not match. */
export function parseWithPattern(text: string, pattern: string): ParsedFields {
  const tokens = tokenize(pattern);
  let pos = 0;
  let y = 1970;
  let mo = 1;
  let d = 1;
  let H = 0;
  let m = 0;
  let s = 0;
  let frac = 0;
  let pm: boolean | null = null;
  let h12: number | null = null;
  let offset: number | null = null;
  const fail = (): never => {
    throw new PatternParseError(`Text '${text}' could not be parsed at index ${pos}`);
  };
  const digits = (min: number, max: number): number => {
    let j = pos;
    while (j < text.length && j - pos < max && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57)
      j++;
    if (j - pos < min) fail();
    const v = Number(text.slice(pos, j));
    pos = j;
    return v;
  };
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti] as Token;
    if (t.kind === "text") {
      if (!text.startsWith(t.text, pos)) fail();
      pos += t.text.length;
      continue;
    }
    const n = t.count;
    const next = tokens[ti + 1];
    const adjacentDigits = next?.kind === "field";
    const width = (min: number): [number, number] =>
      n === 1 ? [1, adjacentDigits ? min : 2] : [n, n];
    switch (t.letter) {
      case "y":
        // Followed directly by another numeric field (yyyyMMdd) the year takes its width.
        y =
          n === 2
            ? 2000 + digits(2, 2)
            : digits(n === 1 ? 1 : n, adjacentDigits ? Math.max(n, 4) : n >= 4 || n === 1 ? 9 : n);
        break;
      case "M":
      case "L":
        if (n >= 3) {
          const names = MONTHS.map((x) => (n === 3 ? x.slice(0, 3) : x));
          const k = names.findIndex(
            (x) => text.slice(pos, pos + x.length).toLowerCase() === x.toLowerCase(),
          );
          if (k < 0) fail();
          pos += (names[k] as string).length;
          mo = k + 1;
        } else mo = digits(...width(2));
        break;
      case "d":
        d = digits(...width(2));
        break;
      case "D": {
        const doy = digits(n, 3);
        const [yy, mm, dd] = civilFromDays(daysFromCivil(y, 1, 1) + doy - 1);
        y = yy;
        mo = mm;
        d = dd;
        break;
      }
      case "E": {
        const names = DAYS.map((x) => (n >= 4 ? x : x.slice(0, 3)));
        const k = names.findIndex(
          (x) => text.slice(pos, pos + x.length).toLowerCase() === x.toLowerCase(),
        );
        if (k < 0) fail();
        pos += (names[k] as string).length;
        break;
      }
      case "a": {
        const ap = text.slice(pos, pos + 2).toUpperCase();
        if (ap !== "AM" && ap !== "PM") fail();
        pm = ap === "PM";
        pos += 2;
        break;
      }
      case "H":
      case "k":
        H = digits(...width(2));
        if (t.letter === "k" && H === 24) H = 0;
        break;
      case "h":
      case "K":
        h12 = digits(...width(2));
        break;
      case "m":
        m = digits(...width(2));
        break;
      case "s":
        s = digits(...width(2));
        break;
      case "S": {
        const start = pos;
        const v = digits(1, n);
        const len = pos - start;
        frac = Math.floor((v * 10 ** (6 - Math.min(len, 6))) / (len > 6 ? 10 ** (len - 6) : 1));
        break;
      }
      case "X":
      case "x":
      case "Z":
      case "O": {
        if (text[pos] === "Z") {
          offset = 0;
          pos++;
          break;
        }
        if (text.startsWith("GMT", pos) || text.startsWith("UTC", pos)) pos += 3;
        const mt = /^([+-])(\d{1,2}):?(\d{2})?/.exec(text.slice(pos));
        if (!mt) {
          offset = 0;
          break;
        }
        offset = (Number(mt[2]) * 3600 + Number(mt[3] ?? 0) * 60) * (mt[1] === "-" ? -1 : 1);
        pos += mt[0].length;
        break;
      }
      case "V":
      case "z": {
        const mt = /^[A-Za-z_/+\-0-9:]+/.exec(text.slice(pos));
        if (!mt) fail();
        const zone = (mt as RegExpExecArray)[0];
        offset = zone === "UTC" || zone === "Z" || zone === "GMT" ? 0 : zoneOffsetSeconds(zone, 0);
        pos += zone.length;
        break;
      }
      case "Q":
      case "q":
        digits(1, 1);
        break;
      case "G":
        pos += text.startsWith("AD", pos) || text.startsWith("BC", pos) ? 2 : 0;
        break;
      default:
        break;
    }
  }
  if (pos !== text.length) fail();
  if (h12 !== null) H = (h12 % 12) + (pm ? 12 : 0);
  else if (pm === true && H < 12) H += 12;
  if (mo < 1 || mo > 12) {
    throw new PatternParseError(
      `Text '${text}' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): ${mo}`,
    );
  }
  if (d < 1 || d > daysInMonth(y, mo)) {
    throw new PatternParseError(`Text '${text}' could not be parsed: Invalid date`);
  }
  if (H > 23 || m > 59 || s > 59) {
    throw new PatternParseError(`Text '${text}' could not be parsed: Invalid time`);
  }
  const local =
    BigInt(daysFromCivil(y, mo, d)) * MICROS_PER_DAY +
    BigInt(H * 3600 + m * 60 + s) * MICROS_PER_SECOND +
    BigInt(frac);
  return { local, offsetSeconds: offset };
}
