import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { FlintError } from "../../../errors/index.ts";
import {
  LongT,
  NullT,
  StringT,
  simpleString,
  structField,
  structType,
} from "../../../types/data-types.ts";
import { batchFromRows, type ColumnarBatch, rowsFromBatch } from "../../columnar/batch.ts";
import type { WriteCodec } from "./codecs.ts";
import { readParquet, readParquetInfo } from "./reader.ts";
import { DATA, type Expected, readExpected, tagged } from "./testing.ts";
import { writeParquet } from "./writer.ts";

const SOURCE = join(DATA, "pa_snappy_dict_v1.parquet");

const PA = readExpected("pa");

async function collect(path: string, batchSize = 50): Promise<ColumnarBatch[]> {
  const out: ColumnarBatch[] = [];
  for await (const b of readParquet(path, { batchSize })) out.push(b);
  return out;
}

function pyarrowAvailable(): boolean {
  try {
    execFileSync("python3", ["-c", "import pyarrow"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The rows as pyarrow reads them, tagged as in testdata/gen.py. */
function readByPyarrow(path: string): Expected {
  const script = [
    "import sys, json",
    `sys.path.insert(0, ${JSON.stringify(DATA)})`,
    "import gen",
    "print(json.dumps(gen.expected(sys.argv[1])))",
  ].join("\n");
  return JSON.parse(
    execFileSync("python3", ["-c", script, path], { encoding: "utf8" }),
  ) as Expected;
}

describe("writeParquet", () => {
  const dir = mkdtempSync(join(tmpdir(), "flint-parquet-w-"));
  let db: DuckDBInstance;
  before(async () => {
    db = await DuckDBInstance.create(":memory:");
  });
  after(() => {
    db.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  async function duck(sql: string): Promise<unknown[][]> {
    const con = await db.connect();
    try {
      return (await con.runAndReadAll(sql)).getRowsJson() as unknown[][];
    } finally {
      con.closeSync();
    }
  }

  for (const codec of [
    "snappy",
    "zstd",
    "gzip",
    "lz4_raw",
    "uncompressed",
  ] as const satisfies readonly WriteCodec[]) {
    it(`every type round-trips through Flint, DuckDB and pyarrow (${codec})`, async () => {
      const batches = await collect(SOURCE);
      const schema = batches[0]!.schema;
      const out = join(dir, `all-${codec}.parquet`);
      const res = await writeParquet(out, batches, schema, {
        compression: codec,
        rowGroupBytes: 8000,
        pageBytes: 700,
      });
      assert.equal(res.numRows, 200);
      assert.ok(res.rowGroups > 1, `row groups: ${res.rowGroups}`);

      // Flint reads back the same values and the same Spark schema
      const info = await readParquetInfo(out);
      assert.deepStrictEqual(info.schema.sparkSchema, schema);
      const rows = (await collect(out, 1000)).flatMap((b) =>
        rowsFromBatch(b).map((r) => r.map(tagged)),
      );
      assert.deepStrictEqual(rows, PA.rows);

      // DuckDB reads the same rows as from pyarrow's file (u64 is decimal(20,0) in Spark)
      const diff = async (a: string, b: string): Promise<unknown[][]> =>
        duck(
          `SELECT count(*) FROM (SELECT * EXCLUDE (u8, u16, u32, u64) FROM '${a}' EXCEPT ALL SELECT * EXCLUDE (u8, u16, u32, u64) FROM '${b}')`,
        );
      assert.deepStrictEqual(await diff(out, SOURCE), [["0"]]);
      assert.deepStrictEqual(await diff(SOURCE, out), [["0"]]);
      assert.deepStrictEqual(
        await duck(
          `SELECT count(*) FROM '${out}' a JOIN '${SOURCE}' b ON a.req = b.req WHERE a.u8 IS DISTINCT FROM b.u8 OR a.u16 IS DISTINCT FROM b.u16 OR a.u32 IS DISTINCT FROM b.u32 OR CAST(a.u64 AS VARCHAR) IS DISTINCT FROM CAST(b.u64 AS VARCHAR)`,
        ),
        [["0"]],
      );

      if ((codec === "snappy" || codec === "zstd") && pyarrowAvailable()) {
        const py = readByPyarrow(out);
        assert.deepStrictEqual(py.columns, PA.columns);
        for (let c = 0; c < PA.columns.length; c++) {
          const name = PA.columns[c]!;
          // pyarrow reads the Spark types Flint writes: unsigned columns come back signed/wider
          if (name.startsWith("u")) continue;
          assert.deepStrictEqual(
            py.rows.map((r) => r[c]),
            PA.rows.map((r) => r[c]),
            `pyarrow column ${name}`,
          );
        }
      }
    });
  }

  it("writes statistics that DuckDB and pyarrow read, and dictionary-encodes repetitive strings", async () => {
    const schema = structType([structField("k", LongT, false), structField("s", StringT, true)]);
    const rows = Array.from({ length: 5000 }, (_, i) => [
      BigInt(i * 2 - 3000),
      i % 10 === 0 ? null : `v${i % 7}`,
    ]);
    const out = join(dir, "stats.parquet");
    await writeParquet(out, [batchFromRows(schema, rows)], schema);
    const stats = await duck(
      `SELECT path_in_schema, stats_min_value, stats_max_value, stats_null_count, encodings FROM parquet_metadata('${out}') ORDER BY column_id`,
    );
    assert.deepStrictEqual(stats, [
      ["k", "-3000", "6998", "0", "PLAIN, RLE"],
      ["s", "v0", "v6", "500", "PLAIN, RLE, RLE_DICTIONARY"],
    ]);
    assert.deepStrictEqual(
      await duck(`SELECT count(*), count(s), sum(k) FROM '${out}' WHERE s = 'v3'`),
      [["642", "642", "1282578"]],
    );
    // Flint's own pruning uses the statistics it wrote
    let n = 0;
    for await (const b of readParquet(out, {
      rowGroupFilter: { kind: "compare", column: "k", op: ">", value: 7000n },
    })) {
      n += b.numRows;
    }
    assert.equal(n, 0);
  });

  it("ANSI intervals round-trip as Spark writes them (bare INT32/INT64 + footer schema)", async () => {
    const batches = await collect(join(DATA, "spark.parquet"));
    const out = join(dir, "intervals.parquet");
    await writeParquet(out, batches, batches[0]!.schema);
    const want = readExpected("spark");
    const info = await readParquetInfo(out);
    assert.equal(simpleString(info.schema.sparkSchema), want.schema);
    const rows = (await collect(out)).flatMap((b) => rowsFromBatch(b).map((r) => r.map(tagged)));
    assert.deepStrictEqual(rows, want.rows);
  });

  it("void columns are all-null BOOLEAN (UNKNOWN), void again through the footer, as Spark 4 writes them", async () => {
    const schema = structType([structField("v", NullT, true), structField("a", LongT, true)]);
    const out = join(dir, "void.parquet");
    await writeParquet(
      out,
      [
        batchFromRows(schema, [
          [null, 1n],
          [null, 2n],
        ]),
      ],
      schema,
    );
    assert.deepStrictEqual(await duck(`SELECT v IS NULL, a FROM '${out}'`), [
      [true, "1"],
      [true, "2"],
    ]);
    const info = await readParquetInfo(out);
    assert.deepStrictEqual(info.schema.sparkSchema, schema);
    const batches = await collect(out);
    assert.equal(batches[0]!.columns[0]!.layout, "null");
  });

  it("an empty input writes a valid file with the schema", async () => {
    const schema = structType([structField("a", LongT, true)]);
    const out = join(dir, "empty.parquet");
    await writeParquet(out, [], schema);
    assert.deepStrictEqual(await duck(`SELECT count(*) FROM '${out}'`), [["0"]]);
    assert.deepStrictEqual((await readParquetInfo(out)).schema.sparkSchema, schema);
  });

  it("an unwritable path fails with TASK_WRITE_FAILED", async () => {
    const schema = structType([structField("a", LongT, true)]);
    await assert.rejects(
      writeParquet(join(dir, "no", "such", "dir.parquet"), [], schema),
      (e: unknown) => e instanceof FlintError && e.errorClass === "TASK_WRITE_FAILED",
    );
  });
});
