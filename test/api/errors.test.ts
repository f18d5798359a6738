/**
 * Bad input through the DataFrame API: each case fails its action with Spark's error
 * class, SQLSTATE and message parameters (recorded from pyspark 4.3, see
 * tools/oracles/dataframe_errors.py), a message naming the problem, and no trace of
 * Flint's internals in the message.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { type DataFrame, F, FlintError, SparkSession } from "../../src/index.ts";

const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .create();
after(() => spark.stop());

const df = spark.createDataFrame([["NL", 5200]], "country string, salary int");

async function failure(build: () => DataFrame): Promise<FlintError> {
  try {
    await build().collect();
  } catch (e) {
    assert.ok(e instanceof FlintError, `expected a FlintError, got ${String(e)}`);
    assert.doesNotMatch(e.message, /\bat .*\.ts:\d+|node:internal|TypeError|undefined/);
    assert.match(e.message, /^\[[A-Z_.]+\] /);
    return e;
  }
  assert.fail("expected the query to fail");
}

test("misspelled column: UNRESOLVED_COLUMN.WITH_SUGGESTION with suggestions", async () => {
  const e = await failure(() => df.select("salry"));
  assert.equal(e.errorClass, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
  assert.equal(e.sqlState, "42703");
  assert.deepEqual(e.messageParameters, { objectName: "`salry`", proposal: "`salary`, `country`" });
  assert.match(e.message, /`salry` cannot be resolved/);
});

test("ambiguous self-join column: AMBIGUOUS_REFERENCE", async () => {
  const e = await failure(() =>
    df
      .alias("a")
      .join(df.alias("b"), F.col("a.country").eq(F.col("b.country")))
      .select("salary"),
  );
  assert.equal(e.errorClass, "AMBIGUOUS_REFERENCE");
  assert.equal(e.sqlState, "42704");
  assert.deepEqual(e.messageParameters, {
    name: "`salary`",
    referenceNames: "[`a`.`salary`, `b`.`salary`]",
  });
});

test("aggregate without GROUP BY: MISSING_GROUP_BY", async () => {
  const e = await failure(() => df.select("country", F.sum("salary")));
  assert.equal(e.errorClass, "MISSING_GROUP_BY");
  assert.equal(e.sqlState, "42803");
});

test("wrong argument types: DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE", async () => {
  const e = await failure(() => df.select(F.col("country").plus(F.lit(true))));
  assert.equal(e.errorClass, "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE");
  assert.equal(e.sqlState, "42K09");
  assert.equal(e.messageParameters.sqlExpr, '"(country + true)"');
  assert.equal(e.messageParameters.actualDataType, '"BOOLEAN"');
});

test("a bad cast under ANSI fails at run time with CAST_INVALID_INPUT", async () => {
  const e = await failure(() => df.select(F.abs(F.col("country"))));
  assert.equal(e.errorClass, "CAST_INVALID_INPUT");
  assert.equal(e.sqlState, "22018");
  assert.equal(e.messageParameters.expression, "'NL'");
  assert.equal(e.messageParameters.targetType, '"DOUBLE"');
});

test("the same errors through SQL", async () => {
  await df.createOrReplaceTempView("t");
  await assert.rejects(spark.sql("SELECT country, sum(salary) FROM t").collect(), {
    errorClass: "MISSING_GROUP_BY",
  });
  assert.throws(() => spark.sql("SELEC 1"), {
    errorClass: "PARSE_SYNTAX_ERROR",
    sqlState: "42601",
  });
  await assert.rejects(spark.sql("SELECT * FROM nope").collect(), {
    errorClass: "TABLE_OR_VIEW_NOT_FOUND",
    sqlState: "42P01",
  });
});
