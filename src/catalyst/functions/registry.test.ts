import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinFunctions, builtinRegistry } from "./index.ts";

test("every built-in has documentation and sane arity", () => {
  for (const d of builtinFunctions()) {
    assert.ok(d.info.usage.length > 0 || d.name === "to_unix_timestamp", `${d.name}: usage`);
    assert.ok(d.info.group.length > 0, `${d.name}: group`);
    assert.ok(d.minArgs <= d.maxArgs, `${d.name}: arity`);
    if (d.info.examples && d.info.examples.trim() !== "") {
      assert.match(d.info.examples, /> SELECT /, `${d.name}: examples in Spark's format`);
    }
  }
});

test("the registry covers the functions the brief asks for first", () => {
  const names = [
    "concat",
    "concat_ws",
    "length",
    "upper",
    "lower",
    "substring",
    "substr",
    "trim",
    "ltrim",
    "rtrim",
    "lpad",
    "rpad",
    "replace",
    "instr",
    "locate",
    "reverse",
    "repeat",
    "split",
    "translate",
    "initcap",
    "ascii",
    "chr",
    "coalesce",
    "nvl",
    "nvl2",
    "nullif",
    "ifnull",
    "isnull",
    "isnotnull",
    "if",
    "greatest",
    "least",
    "try_add",
    "try_divide",
    "abs",
    "round",
    "bround",
    "ceil",
    "floor",
    "sqrt",
    "pow",
    "exp",
    "ln",
    "log",
    "log10",
    "mod",
    "pmod",
    "sign",
    "rand",
    "current_date",
    "current_timestamp",
    "date_add",
    "date_sub",
    "datediff",
    "year",
    "month",
    "dayofmonth",
    "to_date",
    "to_timestamp",
    "date_format",
    "count",
    "sum",
    "avg",
    "min",
    "max",
    "first",
    "last",
    "collect_list",
    "collect_set",
    "stddev",
    "variance",
    "row_number",
    "rank",
    "dense_rank",
    "percent_rank",
    "cume_dist",
    "ntile",
    "lag",
    "lead",
    "nth_value",
    "explode",
  ];
  const r = builtinRegistry();
  for (const n of names) assert.ok(r.lookup(n), n);
  assert.equal(r.lookup("COUNT")?.kind, "aggregate");
  assert.equal(r.lookup("row_number")?.kind, "window");
});
