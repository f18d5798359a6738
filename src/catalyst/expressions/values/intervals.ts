/**
 * ANSI interval values as text. Year-month intervals are months (number), day-time
 * intervals microseconds (bigint). Field numbers follow the types: YEAR 0, MONTH 1;
 * DAY 0, HOUR 1, MINUTE 2, SECOND 3.
 */
import type { DayTimeIntervalType, YearMonthIntervalType } from "../../../types/data-types.ts";

const YM_NAMES = ["YEAR", "MONTH"] as const;
const DT_NAMES = ["DAY", "HOUR", "MINUTE", "SECOND"] as const;

function unit(names: readonly string[], start: number, end: number): string {
  const s = names[start] ?? "?";
  return start === end ? s : `${s} TO ${names[end] ?? "?"}`;
}

function yearMonthBody(months: number, t: YearMonthIntervalType): string {
  const sign = months < 0 ? "-" : "";
  const abs = Math.abs(months);
  if (t.startField === t.endField) {
    return `${sign}${t.startField === 0 ? Math.floor(abs / 12) : abs}`;
  }
  return `${sign}${Math.floor(abs / 12)}-${abs % 12}`;
}

/** `INTERVAL '1-2' YEAR TO MONTH` (Spark's ANSI_STYLE, what CAST to STRING prints). */
export function yearMonthToAnsiString(months: number, t: YearMonthIntervalType): string {
  return `INTERVAL '${yearMonthBody(months, t)}' ${unit(YM_NAMES, t.startField, t.endField)}`;
}

/** `1-2` (Spark's HIVE_STYLE). */
export function yearMonthToHiveString(months: number): string {
  const sign = months < 0 ? "-" : "";
  const abs = Math.abs(months);
  return `${sign}${Math.floor(abs / 12)}-${abs % 12}`;
}

function p2(n: bigint): string {
  return n.toString().padStart(2, "0");
}

function secondsText(micros: bigint, leading: boolean): string {
  const secs = micros / 1_000_000n;
  const frac = micros % 1_000_000n;
  const whole = leading ? secs.toString().padStart(2, "0") : p2(secs);
  if (frac === 0n) return whole;
  return `${whole}.${frac.toString().padStart(6, "0").replace(/0+$/, "")}`;
}

/** `INTERVAL '1 02:03:04.5' DAY TO SECOND` (Spark's ANSI_STYLE). */
export function dayTimeToAnsiString(micros: bigint, t: DayTimeIntervalType): string {
  const sign = micros < 0n ? "-" : "";
  let rest = micros < 0n ? -micros : micros;
  const parts: string[] = [];
  const { startField: s, endField: e } = t;
  const sizes = [86_400_000_000n, 3_600_000_000n, 60_000_000n, 1_000_000n];
  for (let f = s; f <= e; f++) {
    const size = sizes[f] ?? 1n;
    if (f === 3) {
      parts.push(secondsText(rest, f === s));
      rest = 0n;
    } else if (f === e) {
      const v = rest / size;
      parts.push(f === 0 ? v.toString() : p2(v));
    } else {
      const v = rest / size;
      rest %= size;
      parts.push(f === 0 ? v.toString() : p2(v));
    }
  }
  let body = "";
  for (let i = 0; i < parts.length; i++) {
    const f = s + i;
    if (i > 0) body += f === 1 && s === 0 ? " " : ":";
    body += parts[i];
  }
  return `INTERVAL '${sign}${body}' ${unit(DT_NAMES, s, e)}`;
}

/** `1 02:03:04.500000000` (Spark's HIVE_STYLE). */
export function dayTimeToHiveString(micros: bigint): string {
  const sign = micros < 0n ? "-" : "";
  const abs = micros < 0n ? -micros : micros;
  const days = abs / 86_400_000_000n;
  let rest = abs % 86_400_000_000n;
  const hh = rest / 3_600_000_000n;
  rest %= 3_600_000_000n;
  const mm = rest / 60_000_000n;
  rest %= 60_000_000n;
  const ss = rest / 1_000_000n;
  const nanos = (rest % 1_000_000n) * 1000n;
  return `${sign}${days} ${p2(hh)}:${p2(mm)}:${p2(ss)}.${nanos.toString().padStart(9, "0")}`;
}

const DT_UNIT_MICROS = [86_400_000_000n, 3_600_000_000n, 60_000_000n, 1_000_000n];

function stripIntervalLiteral(
  text: string,
  names: readonly string[],
  start: number,
  end: number,
): string | null {
  const s = text.trim();
  const m = /^interval\s+'([^']*)'\s+(\w+)(?:\s+to\s+(\w+))?$/i.exec(s);
  if (!m) return s;
  const from = (m[2] ?? "").toUpperCase();
  const to = (m[3] ?? m[2] ?? "").toUpperCase();
  if (from !== names[start] || to !== names[end]) return null;
  return (m[1] ?? "").trim();
}

/** Parses a year-month interval text (`1-2`, `-3`, `INTERVAL '1-2' YEAR TO MONTH`). */
export function parseYearMonthInterval(text: string, t: YearMonthIntervalType): number | null {
  const body = stripIntervalLiteral(text, YM_NAMES, t.startField, t.endField);
  if (body === null) return null;
  if (t.startField !== t.endField) {
    const m = /^([+-])?(\d+)-(\d+)$/.exec(body);
    if (!m || Number(m[3]) > 11) return null;
    const v = Number(m[2]) * 12 + Number(m[3]);
    return m[1] === "-" ? -v : v;
  }
  const m = /^([+-])?(\d+)$/.exec(body);
  if (!m) return null;
  const v = Number(m[2]) * (t.startField === 0 ? 12 : 1);
  return m[1] === "-" ? -v : v;
}

/** Parses a day-time interval text (`1 02:03:04.5`, `02:03`, `INTERVAL '100' MINUTE`). */
export function parseDayTimeInterval(text: string, t: DayTimeIntervalType): bigint | null {
  const body = stripIntervalLiteral(text, DT_NAMES, t.startField, t.endField);
  if (body === null) return null;
  const m = /^([+-])?(.*)$/.exec(body);
  if (!m) return null;
  const neg = m[1] === "-";
  const rest = m[2] ?? "";
  // Split into the fields the type names: DAY is separated by a space, the rest by colons.
  const parts: string[] = [];
  let tail = rest;
  if (t.startField === 0 && t.endField > 0) {
    const sp = tail.indexOf(" ");
    if (sp < 0) return null;
    parts.push(tail.slice(0, sp));
    tail = tail.slice(sp + 1);
  }
  if (t.startField === 0 && t.endField === 0) parts.push(tail);
  else parts.push(...tail.split(":"));
  const count = t.endField - t.startField + 1;
  if (parts.length !== count) return null;
  let micros = 0n;
  for (let i = 0; i < count; i++) {
    const field = t.startField + i;
    const p = parts[i] ?? "";
    const isSecond = field === 3;
    const mm = isSecond ? /^(\d+)(?:\.(\d{1,9}))?$/.exec(p) : /^(\d+)$/.exec(p);
    if (!mm) return null;
    const whole = BigInt(mm[1] ?? "0");
    if (i > 0) {
      const limit = field === 1 ? 23n : 59n;
      if (whole > limit) return null;
    }
    micros += whole * (DT_UNIT_MICROS[field] ?? 1n);
    if (isSecond && mm[2]) micros += BigInt((mm[2] ?? "").padEnd(6, "0").slice(0, 6));
  }
  return neg ? -micros : micros;
}
