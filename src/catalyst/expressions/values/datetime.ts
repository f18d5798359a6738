/**
 * Calendar arithmetic over Spark's internal date/time values: dates are days since
 * 1970-01-01, timestamps microseconds since the epoch (UTC), all in the proleptic
 * Gregorian calendar. Time zones are IANA names or fixed offsets, resolved with Intl.
 */

export const MICROS_PER_SECOND = 1_000_000n;
export const MICROS_PER_DAY = 86_400_000_000n;

/** Days since the epoch of a civil date (proleptic Gregorian). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date [year, month 1-12, day 1-31] of days since the epoch. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? y + 1 : y, m, d];
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** ISO day of week, 1 = Monday ... 7 = Sunday. */
export function isoDayOfWeek(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? `-${s}` : s;
}

function formatYear(y: number): string {
  if (y > 9999) return `+${y}`;
  return pad(y, 4);
}

/** `yyyy-MM-dd`. */
export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${formatYear(y)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** `yyyy-MM-dd HH:mm:ss[.SSSSSS]` of local wall-clock microseconds, fraction trimmed. */
export function formatLocalMicros(local: bigint): string {
  const days = Number(floorDiv(local, MICROS_PER_DAY));
  const inDay = Number(local - BigInt(days) * MICROS_PER_DAY);
  const secs = Math.floor(inDay / 1_000_000);
  const frac = inDay % 1_000_000;
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  const ss = secs % 60;
  let out = `${formatDate(days)} ${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}`;
  if (frac !== 0) out += `.${String(frac).padStart(6, "0").replace(/0+$/, "")}`;
  return out;
}

/** A timestamp (UTC micros) as text in the given zone. */
export function formatTimestamp(micros: bigint, zone: string): string {
  return formatLocalMicros(utcToLocal(micros, zone));
}

// ---------------------------------------------------------------------------------------
// Time zones

const FIXED = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;

/** Fixed offset in seconds of a zone id, or undefined for region zones. */
function fixedOffset(zone: string): number | undefined {
  if (zone === "UTC" || zone === "Z" || zone === "GMT" || zone === "UT" || zone === "Etc/UTC") {
    return 0;
  }
  const m = FIXED.exec(zone);
  if (!m) return undefined;
  const s =
    (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * (m[1] === "-" ? -1 : 1);
  return s;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether a zone id is known (fixed offsets, UTC, IANA names). */
export function isValidZone(zone: string): boolean {
  if (fixedOffset(zone) !== undefined) return true;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** Offset in seconds of `zone` at the instant `epochSeconds`. */
export function zoneOffsetSeconds(zone: string, epochSeconds: number): number {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return fixed;
  const parts = formatterFor(zone).formatToParts(new Date(epochSeconds * 1000));
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  let bc = false;
  for (const p of parts) {
    switch (p.type) {
      case "year":
        y = Number(p.value);
        break;
      case "month":
        mo = Number(p.value);
        break;
      case "day":
        d = Number(p.value);
        break;
      case "hour":
        h = Number(p.value);
        break;
      case "minute":
        mi = Number(p.value);
        break;
      case "second":
        s = Number(p.value);
        break;
      case "era":
        bc = p.value.startsWith("B");
        break;
      default:
        break;
    }
  }
  if (bc) y = 1 - y;
  const local = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  return local - Math.floor(epochSeconds);
}

/** UTC micros -> local wall-clock micros in `zone`. */
export function utcToLocal(micros: bigint, zone: string): bigint {
  const fixed = fixedOffset(zone);
  if (fixed === 0) return micros;
  const off = fixed ?? zoneOffsetSeconds(zone, Number(floorDiv(micros, MICROS_PER_SECOND)));
  return micros + BigInt(off) * MICROS_PER_SECOND;
}

/**
 * Local wall-clock micros in `zone` -> UTC micros. In a gap (spring forward) the time moves
 * forward; in an overlap the earlier offset wins, as java.time's ZonedDateTime.of.
 */
export function localToUtc(local: bigint, zone: string): bigint {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return local - BigInt(fixed) * MICROS_PER_SECOND;
  const localSec = Number(floorDiv(local, MICROS_PER_SECOND));
  const off1 = zoneOffsetSeconds(zone, localSec - 86400);
  const off2 = zoneOffsetSeconds(zone, localSec + 86400);
  // Candidates: the instant under each surrounding offset that maps back to `local`.
  const earlier = Math.max(off1, off2);
  const later = Math.min(off1, off2);
  for (const off of [earlier, later]) {
    if (zoneOffsetSeconds(zone, localSec - off) === off) {
      return local - BigInt(off) * MICROS_PER_SECOND;
    }
  }
  // A gap: shift by the offset before the transition.
  return local - BigInt(off1) * MICROS_PER_SECOND;
}

// ---------------------------------------------------------------------------------------
// Parsing (Spark's stringToDate / stringToTimestamp)

const DATE_RE = /^([+-]?\d{4,7})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

function validYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Parses `yyyy[-m[m][-d[d]]]` optionally followed by ` ...` or `T...`; null if invalid. */
export function parseDate(text: string): number | null {
  const s = text.trim();
  let end = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === " " || c === "T") {
      end = i;
      break;
    }
  }
  const m = DATE_RE.exec(s.slice(0, end));
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] === undefined ? 1 : Number(m[2]);
  const d = m[3] === undefined ? 1 : Number(m[3]);
  if (end < s.length && m[3] === undefined) return null;
  if (!validYmd(y, mo, d)) return null;
  return daysFromCivil(y, mo, d);
}

const TS_RE =
  /^([+-]?\d{4,7})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T](?:(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?)?)?)?)?\s*(.*)$/;

/** Parsed timestamp text: local wall-clock micros and an explicit zone if present. */
export interface ParsedTimestamp {
  readonly local: bigint;
  readonly zone: string | null;
}

function normaliseZone(z: string): string | null {
  if (z === "") return null;
  if (z === "Z" || z === "z") return "UTC";
  if (/^[+-]\d{1,2}(:?\d{2})?(:?\d{2})?$/.test(z)) return z;
  if (/^(UTC|GMT|UT)([+-]\d{1,2}(:?\d{2})?)?$/.test(z)) return z;
  return isValidZone(z) ? z : "";
}

/** Parses Spark's timestamp text forms; null if invalid. */
export function parseTimestampParts(text: string): ParsedTimestamp | null {
  const s = text.trim();
  const m = TS_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] === undefined ? 1 : Number(m[2]);
  const d = m[3] === undefined ? 1 : Number(m[3]);
  const hh = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  const fracText = (m[7] ?? "").slice(0, 6);
  const rest = m[8] ?? "";
  if (rest !== "" && m[4] === undefined && m[3] === undefined) return null;
  if (!validYmd(y, mo, d) || hh > 23 || mi > 59 || ss > 59) return null;
  const zone = normaliseZone(rest);
  if (zone === "") return null;
  const frac = fracText === "" ? 0 : Number(fracText.padEnd(6, "0"));
  const local =
    BigInt(daysFromCivil(y, mo, d)) * MICROS_PER_DAY +
    BigInt(hh * 3600 + mi * 60 + ss) * MICROS_PER_SECOND +
    BigInt(frac);
  return { local, zone };
}

/** Text -> timestamp (UTC micros) in the session zone unless the text names one. */
export function parseTimestamp(text: string, sessionZone: string): bigint | null {
  const p = parseTimestampParts(text);
  if (!p) return null;
  return localToUtc(p.local, p.zone ?? sessionZone);
}

/** Text -> timestamp without time zone (local micros); a zone in the text is ignored. */
export function parseTimestampNTZ(text: string): bigint | null {
  const p = parseTimestampParts(text);
  return p ? p.local : null;
}

/** Floor division of bigints (toward negative infinity). */
export function floorDivBig(a: bigint, b: bigint): bigint {
  return floorDiv(a, b);
}

/** UTC micros -> date in zone. */
export function timestampToDate(micros: bigint, zone: string): number {
  return Number(floorDiv(utcToLocal(micros, zone), MICROS_PER_DAY));
}

/** Date -> UTC micros of its midnight in zone. */
export function dateToTimestamp(days: number, zone: string): bigint {
  return localToUtc(BigInt(days) * MICROS_PER_DAY, zone);
}
