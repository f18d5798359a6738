/**
 * Bugs the differential tests found, each pinned by the smallest query that showed it.
 * Expected answers are those of Spark 4 (pyspark, local[1], UTC).
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { decodeIpcStream, encodeIpcStream } from "../../src/execution/columnar/arrow-ipc.ts";
import { batchFromRows, columnarBatch, rowsFromBatch } from "../../src/execution/columnar/batch.ts";
import { SparkSession } from "../../src/index.ts";
import { IntegerT, LongT, structField, structType } from "../../src/types/data-types.ts";

const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .config("spark.sql.shuffle.partitions", "3")
  .config("spark.ui.showConsoleProgress", "false")
  .create();
after(() => spark.stop());

async function rows(sql: string): Promise<unknown[][]> {
  return (await spark.sql(sql).collect()).map((r) => r.toArray());
}

test("a grouping expression repeated in the select list matches though written elsewhere", async () => {
  // The select's `(l * 1)` and the GROUP BY's differ only in their query positions.
  const got = await rows(
    "SELECT (l * 1) AS c, count(*) AS n FROM VALUES (1L), (2L), (2L) AS t(l) GROUP BY (l * 1) ORDER BY 1",
  );
  assert.deepEqual(got, [
    [1n, 1n],
    [2n, 2n],
  ]);
});

test("the same aggregate twice in one select list", async () => {
  // Both outputs are one column; the Arrow IPC writer must not see one buffer twice.
  assert.deepEqual(await rows("SELECT count(*), count(*) FROM VALUES (1), (2), (3) AS t(k)"), [
    [3n, 3n],
  ]);
  assert.deepEqual(
    await rows(
      "SELECT k, count(*), count(*) FROM VALUES (1), (2), (2) AS t(k) GROUP BY k ORDER BY k",
    ),
    [
      [1, 1n, 1n],
      [2, 2n, 2n],
    ],
  );
});

test("Arrow IPC: a batch holding one vector twice round-trips", () => {
  for (const [t, a, b] of [
    [LongT, 5n, 7n],
    [IntegerT, 5, 7],
  ] as const) {
    const one = batchFromRows(structType([structField("a", t, true)]), [[a], [b], [null]]);
    const schema = structType([structField("a", t, true), structField("b", t, true)]);
    const col = one.columns[0];
    assert.ok(col !== undefined);
    const batch = columnarBatch(schema, 3, [col, col]);
    const back = decodeIpcStream(encodeIpcStream(schema, [batch])).batches.flatMap((x) =>
      rowsFromBatch(x),
    );
    assert.deepEqual(back, [
      [a, a],
      [b, b],
      [null, null],
    ]);
  }
});

test("strings compare by code point in generated code and in min/max", async () => {
  // U+FFFD is below U+1F600 in UTF-8 bytes, above its surrogates in UTF-16 code units.
  const t = "VALUES ('\uFFFD'), ('😀'), ('a'), (NULL) AS t(s)";
  assert.deepEqual(await rows(`SELECT max(s), min(s) FROM ${t}`), [["😀", "a"]]);
  assert.deepEqual(await rows(`SELECT s FROM ${t} WHERE s > '\uFFFD'`), [["😀"]]);
  assert.deepEqual(await rows(`SELECT s FROM ${t} WHERE s <= 'b' ORDER BY s`), [["a"]]);
});

test("integer products are never -0 in the interpreter", async () => {
  spark.conf.set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
  try {
    const got = await rows("SELECT CAST(k * -2 AS DOUBLE) FROM VALUES (0), (3) AS t(k) ORDER BY k");
    assert.ok(Object.is(got[0]?.[0], 0), `0 * -2 is 0, got ${String(got[0]?.[0])}`);
    assert.deepEqual(got[1], [-6]);
  } finally {
    spark.conf.unset("spark.sql.codegen.factoryMode");
  }
});

test("ROLLUP over a repeated key keeps its equal grouping sets apart", async () => {
  // Spark: the sets (k, k) and (k) both produce each group (its _gen_grouping_pos)
  const got = await rows(
    "SELECT k AS a, k AS b, sum(v) FROM VALUES (1, 10), (1, 20), (2, 5) AS t(k, v) GROUP BY ROLLUP(k, k) ORDER BY 1 NULLS FIRST, 2 NULLS FIRST, 3",
  );
  assert.deepEqual(got, [
    [null, null, 35n],
    [1, 1, 30n],
    [1, 1, 30n],
    [2, 2, 5n],
    [2, 2, 5n],
  ]);
});

test("a FILTER on a regular aggregate beside several DISTINCT aggregates", async () => {
  // the filter's column must pass through the distinct rewrite's Expand
  const got = await rows(
    "SELECT sum(v) FILTER (WHERE b) AS f, count(DISTINCT k), count(DISTINCT v) FROM VALUES (1, 10, true), (1, 20, false), (2, 10, true) AS t(k, v, b)",
  );
  assert.deepEqual(got, [[20n, 2n, 2n]]);
});
