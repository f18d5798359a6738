import assert from "node:assert/strict";
import { test } from "node:test";
import { type DataType, DateT } from "../../../types/data-types.ts";
import { daysFromCivil, formatDate } from "../values/datetime.ts";
import { evalArithmetic } from "./arithmetic.ts";

const ym: DataType = { kind: "yearmonth_interval", startField: 0, endField: 1 };

function dateYM(date: string, op: "+" | "-", months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const days = daysFromCivil(y, m, d);
  return formatDate(evalArithmetic(op, days, DateT, months, ym, DateT, "ANSI") as number);
}

test("date +/- year-month interval: the day clamps to the month's length (pyspark 4)", () => {
  assert.equal(dateYM("1994-01-01", "+", 12), "1995-01-01");
  assert.equal(dateYM("1994-01-31", "+", 1), "1994-02-28");
  assert.equal(dateYM("1994-03-31", "-", 1), "1994-02-28");
  assert.equal(dateYM("2000-02-29", "+", 13), "2001-03-29");
  assert.equal(dateYM("1993-07-01", "+", 3), "1993-10-01");
});
