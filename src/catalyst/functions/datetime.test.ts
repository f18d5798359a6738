import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BooleanT,
  DateT,
  decimalType,
  IntegerT,
  StringT,
  TimestampT,
} from "../../types/data-types.ts";
import { isTypeCheckFailure } from "../catalog/function-registry.ts";
import { evaluate } from "../expressions/eval/evaluate.ts";
import type { Expression } from "../expressions/expression.ts";
import { cast, literal } from "../expressions/factories.ts";
import { toHiveString } from "../expressions/format.ts";
import { dataTypeOf } from "../expressions/typing.ts";
import { builtinRegistry } from "./index.ts";
import { run, typeOfCall } from "./testing.ts";

// Expected values: pyspark 4 with spark.sql.session.timeZone=UTC.
const S = (v: string): Expression => literal(v, StringT);
const I = (v: number): Expression => literal(v, IntegerT);
const DATE = (v: string): Expression => cast(S(v), DateT);
const TS = (v: string): Expression => cast(S(v), TimestampT);

test("date arithmetic and fields", () => {
  assert.equal(run("datediff", DATE("2020-03-01"), DATE("2020-02-01")), "29");
  assert.equal(run("date_add", DATE("2020-01-31"), I(-31)), "2019-12-31");
  assert.equal(run("date_sub", S("2020-01-01"), I(1)), "2019-12-31");
  assert.equal(run("date_add", S("2020-01-01"), S("1")), "2020-01-02");
  assert.equal(run("date_add", TS("2020-01-01 10:00:00"), I(1)), "2020-01-02");
  assert.equal(
    typeOfCall(
      "date_add",
      S("2020-01-01"),
      literal(15n, { kind: "decimal", precision: 2, scale: 1 }),
    ),
    "failure UNEXPECTED_INPUT_TYPE",
  );
  assert.equal(run("year", S("2020-05-01")), "2020");
  assert.equal(run("hour", S("2020-05-01 13:00:00")), "13");
  assert.equal(run("second", TS("2020-01-01 00:00:07.9")), "7");
  assert.equal(run("add_months", DATE("2020-01-31"), I(1)), "2020-02-29");
  assert.equal(run("last_day", DATE("2020-02-10")), "2020-02-29");
  assert.equal(run("next_day", DATE("2020-01-05"), S("Mon")), "2020-01-06");
  assert.equal(run("dayofweek", DATE("2020-01-05")), "1");
  assert.equal(run("weekday", DATE("2020-01-05")), "6");
  assert.equal(run("weekofyear", DATE("2020-01-01")), "1");
  assert.equal(run("date_trunc", S("MONTH"), TS("2020-01-05 13:04:05")), "2020-01-01 00:00:00");
  assert.equal(run("date_trunc", S("WEEK"), TS("2020-01-08 13:04:05")), "2020-01-06 00:00:00");
  assert.equal(run("trunc", DATE("2020-05-17"), S("Q")), "NULL");
  assert.equal(run("months_between", TS("1997-02-28 10:30:00"), TS("1996-10-30")), "3.94959677");
  assert.equal(run("months_between", DATE("2020-03-31"), DATE("2020-02-29")), "1.0");
  assert.throws(() => run("make_date", I(2020), I(2), I(30)), /DATETIME_FIELD_OUT_OF_BOUNDS/);
});

test("formatting and parsing with patterns", () => {
  const ts = TS("2020-01-05 13:04:05.123456");
  assert.equal(
    run("date_format", ts, S("yyyy-MM-dd HH:mm:ss.SSS a EEE EEEE MMM MMMM D d h k K Q y yy")),
    "2020-01-05 13:04:05.123 PM Sun Sunday Jan January 5 5 1 13 1 1 2020 20",
  );
  assert.equal(
    run("date_format", TS("2020-01-05 13:04:05"), S("XXX Z VV z O")),
    "Z +0000 UTC UTC GMT",
  );
  assert.equal(run("to_date", S("2020-01-05"), S("yyyy-MM-dd")), "2020-01-05");
  assert.equal(
    run("to_timestamp", S("2020/01/05 10:11"), S("yyyy/MM/dd HH:mm")),
    "2020-01-05 10:11:00",
  );
  assert.equal(run("to_timestamp", S("12/31/2020"), S("M/d/yyyy")), "2020-12-31 00:00:00");
  assert.equal(run("to_timestamp", S("20200102"), S("yyyyMMdd")), "2020-01-02 00:00:00");
  assert.equal(run("to_date", S("02-Jan-2020"), S("dd-MMM-yyyy")), "2020-01-02");
  assert.throws(
    () => run("to_date", S("2020-1-5"), S("yyyy-MM-dd")),
    /could not be parsed at index 5/,
  );
  assert.throws(
    () => run("to_timestamp", S("2020/13/05 10:11"), S("yyyy/MM/dd HH:mm")),
    /CANNOT_PARSE_TIMESTAMP/,
  );
  assert.throws(() => run("to_date", S("x")), /CAST_INVALID_INPUT/);
  assert.equal(run("try_to_timestamp", S("x"), S("yyyy")), "NULL");
  assert.equal(run("unix_timestamp", S("2020-01-01 00:00:00")), "1577836800");
  assert.equal(run("from_unixtime", literal(0n, { kind: "long" })), "1970-01-01 00:00:00");
  assert.equal(typeOfCall("current_date"), "date");
  assert.equal(
    typeOfCall("months_between", TS("2020-01-01"), TS("2020-01-01"), literal(false, BooleanT)),
    "double",
  );
});

test("more date/time functions (pyspark 4, UTC)", () => {
  const ts = cast(S("2020-01-01 00:00:00"), TimestampT);
  assert.equal(run("from_utc_timestamp", ts, S("America/Los_Angeles")), "2019-12-31 16:00:00");
  assert.equal(run("to_utc_timestamp", ts, S("Asia/Tokyo")), "2019-12-31 15:00:00");
  assert.equal(
    run("make_timestamp", I(2020), I(1), I(2), I(3), I(4), literal(5500000n, decimalType(16, 6))),
    "2020-01-02 03:04:05.5",
  );
  assert.equal(run("dayname", DATE("2020-01-05")), "Sun");
  assert.equal(run("monthname", DATE("2020-01-05")), "Jan");
  assert.equal(
    run("timestampadd", S("MONTH"), I(1), TS("2020-01-31 00:00:00")),
    "2020-02-29 00:00:00",
  );
  assert.equal(run("timestampdiff", S("HOUR"), ts, TS("2020-01-02 01:30:00")), "25");
  assert.equal(run("date_diff", DATE("2020-01-10"), DATE("2020-01-01")), "9");
});

test("a non-UTC session time zone (pyspark 4, America/Los_Angeles)", () => {
  const LA = "America/Los_Angeles";
  const ts = (s: string): Expression => cast(S(s), TimestampT, "ANSI", LA);
  const bound = (name: string, ...args: Expression[]): string => {
    const def = builtinRegistry().lookup(name);
    if (def?.kind !== "scalar") throw new Error(name);
    const e = def.bind(args, { ansi: true, sessionTimeZone: LA });
    if (isTypeCheckFailure(e)) throw new Error(e.errorClass);
    return toHiveString(evaluate(e, [], { sessionTimeZone: LA }), dataTypeOf(e), LA);
  };
  assert.equal(bound("hour", ts("2020-07-01 12:00:00")), "12");
  assert.equal(
    bound("date_format", ts("1970-01-01 00:00:00"), S("yyyy-MM-dd HH:mm:ss XXX")),
    "1970-01-01 00:00:00 -08:00",
  );
  assert.equal(bound("date_trunc", S("HOUR"), ts("2020-11-01 01:30:00")), "2020-11-01 01:00:00");
  assert.equal(
    bound("from_utc_timestamp", ts("2020-07-01 00:00:00"), S("Asia/Tokyo")),
    "2020-07-01 09:00:00",
  );
  assert.equal(
    bound("timestampdiff", S("HOUR"), ts("2020-03-08 00:00:00"), ts("2020-03-09 00:00:00")),
    "24",
  );
  assert.equal(
    bound("timestampadd", S("DAY"), I(1), ts("2020-03-07 12:00:00")),
    "2020-03-08 12:00:00",
  );
  assert.equal(
    bound("to_json", bound2struct(ts("2020-07-01 00:00:00"))),
    '{"t":"2020-07-01T00:00:00.000-07:00"}',
  );
  assert.equal(bound("current_timezone"), LA);
});

function bound2struct(e: Expression): Expression {
  const def = builtinRegistry().lookup("named_struct");
  if (def?.kind !== "scalar") throw new Error("named_struct");
  const r = def.bind([S("t"), e], { ansi: true, sessionTimeZone: "America/Los_Angeles" });
  if (isTypeCheckFailure(r)) throw new Error(r.errorClass);
  return r;
}
