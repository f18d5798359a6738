/** Date and time functions: current_date, date_add, datediff, year, to_date, date_format, ... */
import { FlintError } from "../../errors/index.ts";
import {
  ByteT,
  DateT,
  DoubleT,
  IntegerT,
  LongT,
  ShortT,
  StringT,
  TimestampNTZT,
  TimestampT,
} from "../../types/data-types.ts";
import type { BindContext, ScalarFunctionDef } from "../catalog/function-registry.ts";
import { castInvalidInput } from "../expressions/eval/errors.ts";
import type { ScalarFunction } from "../expressions/expression.ts";
import { literal } from "../expressions/factories.ts";
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  floorDivBig,
  isoDayOfWeek,
  localToUtc,
  MICROS_PER_DAY,
  MICROS_PER_SECOND,
  parseDate,
  parseTimestamp,
  timestampToDate,
  utcToLocal,
} from "../expressions/values/datetime.ts";
import { formatWithPattern, PatternParseError, parseWithPattern } from "./datetime-pattern.ts";
import { info, scalar } from "./helpers.ts";

const G = "datetime_funcs";
const INTS = { oneOf: [IntegerT, ShortT, ByteT] } as const;
const zoneOf = (c: ScalarFunction): string => String(c.options.timeZone ?? "UTC");
const tz = (ctx: BindContext) => ({ timeZone: ctx.sessionTimeZone, ansi: ctx.ansi });
const int = (v: unknown): number => (typeof v === "bigint" ? Number(v) : (v as number));

function nowMicros(): bigint {
  return BigInt(Date.now()) * 1000n;
}

const currentDate = scalar({
  name: "current_date",
  info: info(
    G,
    "current_date() - Returns the current date at the start of query evaluation. All calls of current_date within the same query return the same value.",
    "\n    > SELECT current_date();\n     2020-04-25\n  ",
    "1.5.0",
  ),
  args: [],
  result: DateT,
  nullable: false,
  options: (ctx) => ({ ...tz(ctx), now: String(nowMicros()) }),
  eval: (_a, c) => timestampToDate(BigInt(String(c.options.now)), zoneOf(c)),
});

const currentTimestamp = scalar({
  name: "current_timestamp",
  info: info(
    G,
    "current_timestamp() - Returns the current timestamp at the start of query evaluation. All calls of current_timestamp within the same query return the same value.",
    "\n    > SELECT current_timestamp();\n     2020-04-25 15:49:11.914\n  ",
    "1.5.0",
  ),
  args: [],
  result: TimestampT,
  nullable: false,
  options: (ctx) => ({ ...tz(ctx), now: String(nowMicros()) }),
  eval: (_a, c) => BigInt(String(c.options.now)),
});

const localTimestamp = scalar({
  name: "localtimestamp",
  info: info(
    G,
    "localtimestamp() - Returns the current timestamp without time zone at the start of query evaluation.",
    "\n    > SELECT localtimestamp();\n     2020-04-25 15:49:11.914\n  ",
    "3.4.0",
  ),
  args: [],
  result: TimestampNTZT,
  nullable: false,
  options: (ctx) => ({ ...tz(ctx), now: String(nowMicros()) }),
  eval: (_a, c) => utcToLocal(BigInt(String(c.options.now)), zoneOf(c)),
});

const dateAdd = scalar({
  name: "date_add",
  info: info(
    G,
    "date_add(start_date, num_days) - Returns the date that is `num_days` after `start_date`.",
    "\n    > SELECT date_add('2016-07-30', 1);\n     2016-07-31\n  ",
    "1.5.0",
  ),
  args: [DateT, INTS],
  result: DateT,
  eval: ([d, n]) => (d as number) + int(n),
});

const dateSub = scalar({
  name: "date_sub",
  info: info(
    G,
    "date_sub(start_date, num_days) - Returns the date that is `num_days` before `start_date`.",
    "\n    > SELECT date_sub('2016-07-30', 1);\n     2016-07-29\n  ",
    "1.5.0",
  ),
  args: [DateT, INTS],
  result: DateT,
  eval: ([d, n]) => (d as number) - int(n),
});

const datediff = scalar({
  name: "datediff",
  info: info(
    G,
    "datediff(endDate, startDate) - Returns the number of days from `startDate` to `endDate`.",
    "\n    > SELECT datediff('2009-07-31', '2009-07-30');\n     1\n  ",
    "1.5.0",
  ),
  args: [DateT, DateT],
  result: IntegerT,
  eval: ([a, b]) => (a as number) - (b as number),
});

/** Spark's DateTimeUtils.dateAddMonths: the day clamps to the target month's length. */
export function addMonths(days: number, months: number): number {
  const [y, m, d] = civilFromDays(days);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

const addMonthsDef = scalar({
  name: "add_months",
  info: info(
    G,
    "add_months(start_date, num_months) - Returns the date that is `num_months` after `start_date`.",
    "\n    > SELECT add_months('2016-08-31', 1);\n     2016-09-30\n  ",
    "1.5.0",
  ),
  args: [DateT, IntegerT],
  result: DateT,
  eval: ([d, n]) => addMonths(d as number, int(n)),
});

function dateField(name: string, f: (days: number) => number, usage: string, example: string) {
  return scalar({
    name,
    info: info(G, usage, example, "1.5.0"),
    args: [DateT],
    result: IntegerT,
    eval: ([d]) => f(d as number),
  });
}

function timeField(name: string, unit: number, mod: number, usage: string, example: string) {
  return scalar({
    name,
    info: info(G, usage, example, "1.5.0"),
    args: [TimestampT],
    result: IntegerT,
    options: tz,
    eval: ([t], c) => {
      const local = utcToLocal(t as bigint, zoneOf(c));
      const inDay = local - floorDivBig(local, MICROS_PER_DAY) * MICROS_PER_DAY;
      return Number((inDay / BigInt(unit)) % BigInt(mod));
    },
  });
}

/** ISO-8601 week number. */
function isoWeek(days: number): number {
  const dow = isoDayOfWeek(days);
  const thursday = days - dow + 4;
  const [y] = civilFromDays(thursday);
  return Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
}

const lastDay = scalar({
  name: "last_day",
  info: info(
    G,
    "last_day(date) - Returns the last day of the month which the date belongs to.",
    "\n    > SELECT last_day('2009-01-12');\n     2009-01-31\n  ",
    "1.5.0",
  ),
  args: [DateT],
  result: DateT,
  eval: ([d]) => {
    const [y, m] = civilFromDays(d as number);
    return daysFromCivil(y, m, daysInMonth(y, m));
  },
});

const DOW: Readonly<Record<string, number>> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };

const nextDay = scalar({
  name: "next_day",
  info: info(
    G,
    "next_day(start_date, day_of_week) - Returns the first date which is later than `start_date` and named as indicated.",
    "\n    > SELECT next_day('2015-01-14', 'TU');\n     2015-01-20\n  ",
    "1.5.0",
  ),
  args: [DateT, StringT],
  result: DateT,
  nullable: true,
  eval: ([d, name]) => {
    const target = DOW[(name as string).trim().slice(0, 2).toUpperCase()];
    if (target === undefined) return null;
    const cur = isoDayOfWeek(d as number);
    const delta = (target - cur + 7) % 7 || 7;
    return (d as number) + delta;
  },
});

function parseFailure(c: ScalarFunction, e: unknown, fn: string): null {
  if (c.options.ansi && !c.options.try) {
    throw new FlintError("CANNOT_PARSE_TIMESTAMP", {
      message: e instanceof Error ? e.message : String(e),
      func: `\`${fn}\``,
    });
  }
  return null;
}

const toDate = scalar({
  name: "to_date",
  info: info(
    G,
    "to_date(date_str[, fmt]) - Parses the `date_str` expression with the `fmt` expression to a date. Returns null with invalid input. By default, it follows casting rules to a date if the `fmt` is omitted.",
    "\n    > SELECT to_date('2009-07-30 04:17:52');\n     2009-07-30\n    > SELECT to_date('2016-12-31', 'yyyy-MM-dd');\n     2016-12-31\n  ",
    "1.5.0",
  ),
  args: [StringT, StringT],
  minArgs: 1,
  maxArgs: 2,
  result: DateT,
  nullable: true,
  options: tz,
  eval: (args, c) => {
    const s = args[0] as string;
    if (args.length === 1) {
      const d = parseDate(s);
      if (d === null && c.options.ansi && !c.options.try) throw castInvalidInput(s, StringT, DateT);
      return d;
    }
    try {
      const p = parseWithPattern(s, args[1] as string);
      return Number(floorDivBig(p.local, MICROS_PER_DAY));
    } catch (e) {
      if (e instanceof PatternParseError) return parseFailure(c, e, "try_to_date");
      throw e;
    }
  },
});

function parseTs(args: readonly unknown[], c: ScalarFunction, fn: string): bigint | null {
  const s = args[0] as string;
  const zone = zoneOf(c);
  if (args.length === 1 || args[1] === undefined) {
    const t = parseTimestamp(s, zone);
    if (t === null && c.options.ansi && !c.options.try)
      throw castInvalidInput(s, StringT, TimestampT);
    return t;
  }
  try {
    const p = parseWithPattern(s, args[1] as string);
    return p.offsetSeconds === null
      ? localToUtc(p.local, zone)
      : p.local - BigInt(p.offsetSeconds) * MICROS_PER_SECOND;
  } catch (e) {
    if (e instanceof PatternParseError) return parseFailure(c, e, fn);
    throw e;
  }
}

function toTimestampDef(name: string, tryMode: boolean): ScalarFunctionDef {
  return scalar({
    name,
    info: info(
      G,
      `${name}(timestamp_str[, fmt]) - Parses the \`timestamp_str\` expression with the \`fmt\` expression to a timestamp.${tryMode ? " Returns null on invalid input." : ""}`,
      `\n    > SELECT ${name}('2016-12-31 00:12:00');\n     2016-12-31 00:12:00\n  `,
      tryMode ? "3.4.0" : "2.2.0",
    ),
    args: [StringT, StringT],
    minArgs: 1,
    maxArgs: 2,
    result: TimestampT,
    nullable: true,
    options: (ctx) => ({ ...tz(ctx), try: tryMode }),
    eval: (args, c) => parseTs(args, c, "try_to_timestamp"),
  });
}

const dateFormat = scalar({
  name: "date_format",
  info: info(
    G,
    "date_format(timestamp, fmt) - Converts `timestamp` to a value of string in the format specified by the date format `fmt`.",
    "\n    > SELECT date_format('2016-04-08', 'y');\n     2016\n  ",
    "1.5.0",
  ),
  args: [TimestampT, StringT],
  result: StringT,
  options: tz,
  eval: ([t, f], c) => formatWithPattern(t as bigint, zoneOf(c), f as string),
});

const fromUnixtime = scalar({
  name: "from_unixtime",
  info: info(
    G,
    "from_unixtime(unix_time[, fmt]) - Returns `unix_time` in the specified `fmt`.",
    "\n    > SELECT from_unixtime(0, 'yyyy-MM-dd HH:mm:ss');\n     1970-01-01 00:00:00\n  ",
    "1.5.0",
  ),
  args: [LongT, StringT],
  minArgs: 1,
  defaults: [literal("yyyy-MM-dd HH:mm:ss", StringT)],
  result: StringT,
  options: tz,
  eval: ([s, f], c) => formatWithPattern((s as bigint) * MICROS_PER_SECOND, zoneOf(c), f as string),
});

function unixTimestampDef(name: string): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(
      G,
      `${name}([timeExp[, fmt]]) - Returns the UNIX timestamp of current or specified time.`,
      `\n    > SELECT ${name}('2016-04-08', 'yyyy-MM-dd');\n     1460073600\n  `,
      "1.5.0",
    ),
    minArgs: name === "unix_timestamp" ? 0 : 1,
    maxArgs: 2,
    bind: (args, ctx) => {
      const inner = scalar({
        name,
        info: info(G, ""),
        args: [{ oneOf: [TimestampT, DateT, StringT] }, StringT],
        minArgs: 0,
        maxArgs: 2,
        result: LongT,
        nullable: true,
        options: (c) => ({ ...tz(c), now: String(nowMicros()) }),
        eval: () => null,
      });
      const a =
        args.length === 0
          ? []
          : args.length === 1 && args[0]
            ? [args[0], literal("yyyy-MM-dd HH:mm:ss", StringT)]
            : args;
      return inner.bind(a, ctx);
    },
    eval: (args, c) => {
      if (args.length === 0) return floorDivBig(BigInt(String(c.options.now)), MICROS_PER_SECOND);
      const v = args[0];
      if (typeof v === "bigint") return floorDivBig(v, MICROS_PER_SECOND);
      if (typeof v === "number") {
        return floorDivBig(localToUtc(BigInt(v) * MICROS_PER_DAY, zoneOf(c)), MICROS_PER_SECOND);
      }
      const t = parseTs([v, args[1]], c, "try_to_timestamp");
      return t === null ? null : floorDivBig(t, MICROS_PER_SECOND);
    },
  };
}

const makeDate = scalar({
  name: "make_date",
  info: info(
    G,
    "make_date(year, month, day) - Create date from year, month and day fields.",
    "\n    > SELECT make_date(2013, 7, 15);\n     2013-07-15\n  ",
    "3.0.0",
  ),
  args: [IntegerT, IntegerT, IntegerT],
  result: DateT,
  nullable: true,
  options: tz,
  eval: ([y, m, d], c) => {
    const yy = int(y);
    const mm = int(m);
    const dd = int(d);
    if (mm < 1 || mm > 12 || dd < 1 || dd > daysInMonth(yy, mm)) {
      if (c.options.ansi) {
        throw new FlintError("DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION", {
          rangeMessage:
            mm < 1 || mm > 12
              ? `Invalid value for MonthOfYear (valid values 1 - 12): ${mm}`
              : `Invalid date '${MONTH_NAMES[mm - 1]} ${dd}'`,
        });
      }
      return null;
    }
    return daysFromCivil(yy, mm, dd);
  },
});

const MONTH_NAMES = [
  "JANUARY",
  "FEBRUARY",
  "MARCH",
  "APRIL",
  "MAY",
  "JUNE",
  "JULY",
  "AUGUST",
  "SEPTEMBER",
  "OCTOBER",
  "NOVEMBER",
  "DECEMBER",
];

function truncDays(days: number, unit: string): number | null {
  const [y, m] = civilFromDays(days);
  switch (unit) {
    case "YEAR":
    case "YYYY":
    case "YY":
      return daysFromCivil(y, 1, 1);
    case "QUARTER":
      return daysFromCivil(y, Math.floor((m - 1) / 3) * 3 + 1, 1);
    case "MONTH":
    case "MM":
    case "MON":
      return daysFromCivil(y, m, 1);
    case "WEEK":
      return days - isoDayOfWeek(days) + 1;
    default:
      return null;
  }
}

const truncDef = scalar({
  name: "trunc",
  info: info(
    G,
    "trunc(date, fmt) - Returns `date` with the time portion of the day truncated to the unit specified by the format model `fmt`.",
    "\n    > SELECT trunc('2019-08-04', 'week');\n     2019-07-29\n  ",
    "1.5.0",
  ),
  args: [DateT, StringT],
  result: DateT,
  nullable: true,
  eval: ([d, f]) => truncDays(d as number, (f as string).toUpperCase()),
});

const dateTrunc = scalar({
  name: "date_trunc",
  info: info(
    G,
    "date_trunc(fmt, ts) - Returns timestamp `ts` truncated to the unit specified by the format model `fmt`.",
    "\n    > SELECT date_trunc('YEAR', '2015-03-05T09:32:05.359');\n     2015-01-01 00:00:00\n  ",
    "2.3.0",
  ),
  args: [StringT, TimestampT],
  result: TimestampT,
  nullable: true,
  options: tz,
  eval: ([f, t], c) => {
    const zone = zoneOf(c);
    const unit = (f as string).toUpperCase();
    const local = utcToLocal(t as bigint, zone);
    const days = Number(floorDivBig(local, MICROS_PER_DAY));
    const trunc = (size: bigint): bigint => localToUtc(floorDivBig(local, size) * size, zone);
    switch (unit) {
      case "MICROSECOND":
        return t;
      case "MILLISECOND":
        return trunc(1000n);
      case "SECOND":
        return trunc(MICROS_PER_SECOND);
      case "MINUTE":
        return trunc(60n * MICROS_PER_SECOND);
      case "HOUR":
        return trunc(3600n * MICROS_PER_SECOND);
      case "DAY":
      case "DD":
        return trunc(MICROS_PER_DAY);
      default: {
        const d = truncDays(days, unit);
        return d === null ? null : localToUtc(BigInt(d) * MICROS_PER_DAY, zone);
      }
    }
  },
});

const monthsBetween = scalar({
  name: "months_between",
  info: info(
    G,
    "months_between(timestamp1, timestamp2[, roundOff]) - If `timestamp1` is later than `timestamp2`, then the result is positive.",
    "\n    > SELECT months_between('1997-02-28 10:30:00', '1996-10-30');\n     3.94959677\n  ",
    "1.5.0",
  ),
  args: [TimestampT, TimestampT, "any"],
  minArgs: 2,
  maxArgs: 3,
  defaults: [literal(true, { kind: "boolean" })],
  result: DoubleT,
  options: tz,
  eval: ([a, b, r], c) => {
    const zone = zoneOf(c);
    const la = utcToLocal(a as bigint, zone);
    const lb = utcToLocal(b as bigint, zone);
    const da = Number(floorDivBig(la, MICROS_PER_DAY));
    const db = Number(floorDivBig(lb, MICROS_PER_DAY));
    const [y1, m1, d1] = civilFromDays(da);
    const [y2, m2, d2] = civilFromDays(db);
    const months = (y1 - y2) * 12 + (m1 - m2);
    const last1 = d1 === daysInMonth(y1, m1);
    const last2 = d2 === daysInMonth(y2, m2);
    if (d1 === d2 || (last1 && last2)) return months;
    const t1 = Number(la - BigInt(da) * MICROS_PER_DAY) / 1e6;
    const t2 = Number(lb - BigInt(db) * MICROS_PER_DAY) / 1e6;
    const secs = (d1 - d2) * 86400 + t1 - t2;
    const diff = months + secs / (31 * 86400);
    return r === false ? diff : Math.round(diff * 1e8) / 1e8;
  },
});

const unixDate = scalar({
  name: "unix_date",
  info: info(
    G,
    "unix_date(date) - Returns the number of days since 1970-01-01.",
    '\n    > SELECT unix_date(DATE("1970-01-02"));\n     1\n  ',
    "3.1.0",
  ),
  args: [DateT],
  result: IntegerT,
  eval: ([d]) => d,
});

const dateFromUnixDate = scalar({
  name: "date_from_unix_date",
  info: info(
    G,
    "date_from_unix_date(days) - Create date from the number of days since 1970-01-01.",
    "\n    > SELECT date_from_unix_date(1);\n     1970-01-02\n  ",
    "3.1.0",
  ),
  args: [IntegerT],
  result: DateT,
  eval: ([d]) => d,
});

function epochFn(name: string, toTs: boolean, unit: bigint, usage: string, example: string) {
  return scalar({
    name,
    info: info(G, usage, example, "3.1.0"),
    args: [toTs ? LongT : TimestampT],
    result: toTs ? TimestampT : LongT,
    eval: ([v]) => (toTs ? (v as bigint) * unit : floorDivBig(v as bigint, unit)),
  });
}

export const DATETIME_FUNCTIONS: readonly ScalarFunctionDef[] = [
  currentDate,
  { ...currentDate, name: "curdate" },
  currentTimestamp,
  { ...currentTimestamp, name: "now" },
  localTimestamp,
  dateAdd,
  { ...dateAdd, name: "dateadd" },
  dateSub,
  datediff,
  addMonthsDef,
  dateField(
    "year",
    (d) => civilFromDays(d)[0],
    "year(date) - Returns the year component of the date/timestamp.",
    "\n    > SELECT year('2016-07-30');\n     2016\n  ",
  ),
  dateField(
    "quarter",
    (d) => Math.floor((civilFromDays(d)[1] - 1) / 3) + 1,
    "quarter(date) - Returns the quarter of the year for date, in the range 1 to 4.",
    "\n    > SELECT quarter('2016-08-31');\n     3\n  ",
  ),
  dateField(
    "month",
    (d) => civilFromDays(d)[1],
    "month(date) - Returns the month component of the date/timestamp.",
    "\n    > SELECT month('2016-07-30');\n     7\n  ",
  ),
  dateField(
    "day",
    (d) => civilFromDays(d)[2],
    "day(date) - Returns the day of month of the date/timestamp.",
    "\n    > SELECT day('2009-07-30');\n     30\n  ",
  ),
  dateField(
    "dayofmonth",
    (d) => civilFromDays(d)[2],
    "dayofmonth(date) - Returns the day of month of the date/timestamp.",
    "\n    > SELECT dayofmonth('2009-07-30');\n     30\n  ",
  ),
  dateField(
    "dayofweek",
    (d) => (isoDayOfWeek(d) % 7) + 1,
    "dayofweek(date) - Returns the day of the week for date/timestamp (1 = Sunday, 2 = Monday, ..., 7 = Saturday).",
    "\n    > SELECT dayofweek('2009-07-30');\n     5\n  ",
  ),
  dateField(
    "weekday",
    (d) => isoDayOfWeek(d) - 1,
    "weekday(date) - Returns the day of the week for date/timestamp (0 = Monday, 1 = Tuesday, ..., 6 = Sunday).",
    "\n    > SELECT weekday('2009-07-30');\n     3\n  ",
  ),
  dateField(
    "dayofyear",
    (d) => d - daysFromCivil(civilFromDays(d)[0], 1, 1) + 1,
    "dayofyear(date) - Returns the day of year of the date/timestamp.",
    "\n    > SELECT dayofyear('2016-04-09');\n     100\n  ",
  ),
  dateField(
    "weekofyear",
    isoWeek,
    "weekofyear(date) - Returns the week of the year of the given date. A week is considered to start on a Monday and week 1 is the first week with >3 days.",
    "\n    > SELECT weekofyear('2008-02-20');\n     8\n  ",
  ),
  timeField(
    "hour",
    3_600_000_000,
    24,
    "hour(timestamp) - Returns the hour component of the string/timestamp.",
    "\n    > SELECT hour('2009-07-30 12:58:59');\n     12\n  ",
  ),
  timeField(
    "minute",
    60_000_000,
    60,
    "minute(timestamp) - Returns the minute component of the string/timestamp.",
    "\n    > SELECT minute('2009-07-30 12:58:59');\n     58\n  ",
  ),
  timeField(
    "second",
    1_000_000,
    60,
    "second(timestamp) - Returns the second component of the string/timestamp.",
    "\n    > SELECT second('2009-07-30 12:58:59');\n     59\n  ",
  ),
  lastDay,
  nextDay,
  toDate,
  toTimestampDef("to_timestamp", false),
  toTimestampDef("try_to_timestamp", true),
  dateFormat,
  fromUnixtime,
  unixTimestampDef("unix_timestamp"),
  unixTimestampDef("to_unix_timestamp"),
  makeDate,
  truncDef,
  dateTrunc,
  monthsBetween,
  unixDate,
  dateFromUnixDate,
  epochFn(
    "timestamp_seconds",
    true,
    MICROS_PER_SECOND,
    "timestamp_seconds(seconds) - Creates timestamp from the number of seconds since UTC epoch.",
    "\n    > SELECT timestamp_seconds(1230219000);\n     2008-12-25 15:30:00\n  ",
  ),
  epochFn(
    "timestamp_millis",
    true,
    1000n,
    "timestamp_millis(milliseconds) - Creates timestamp from the number of milliseconds since UTC epoch.",
    "\n    > SELECT timestamp_millis(1230219000123);\n     2008-12-25 15:30:00.123\n  ",
  ),
  epochFn(
    "timestamp_micros",
    true,
    1n,
    "timestamp_micros(microseconds) - Creates timestamp from the number of microseconds since UTC epoch.",
    "\n    > SELECT timestamp_micros(1230219000123123);\n     2008-12-25 15:30:00.123123\n  ",
  ),
  epochFn(
    "unix_seconds",
    false,
    MICROS_PER_SECOND,
    "unix_seconds(timestamp) - Returns the number of seconds since 1970-01-01 00:00:00 UTC.",
    "\n    > SELECT unix_seconds(TIMESTAMP('1970-01-01 00:00:01Z'));\n     1\n  ",
  ),
  epochFn(
    "unix_millis",
    false,
    1000n,
    "unix_millis(timestamp) - Returns the number of milliseconds since 1970-01-01 00:00:00 UTC.",
    "\n    > SELECT unix_millis(TIMESTAMP('1970-01-01 00:00:01Z'));\n     1000\n  ",
  ),
  epochFn(
    "unix_micros",
    false,
    1n,
    "unix_micros(timestamp) - Returns the number of microseconds since 1970-01-01 00:00:00 UTC.",
    "\n    > SELECT unix_micros(TIMESTAMP('1970-01-01 00:00:01Z'));\n     1000000\n  ",
  ),
];
