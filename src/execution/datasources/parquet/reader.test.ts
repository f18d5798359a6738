import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { FlintError } from "../../../errors/index.ts";
import {
  arrayType,
  LongT,
  StringT,
  simpleString,
  structField,
  structType,
} from "../../../types/data-types.ts";
import { rowsFromBatch } from "../../columnar/batch.ts";
import { parquetSplits, readParquet, readParquetInfo } from "./reader.ts";
import { DATA, type Expected, readExpected, tagged } from "./testing.ts";

const expectedCache = new Map<string, Expected>();
function expectedOf(name: string): Expected {
  let e = expectedCache.get(name);
  if (e === undefined) {
    e = readExpected(name);
    expectedCache.set(name, e);
  }
  return e;
}

async function readAll(
  path: string,
  columns?: readonly string[],
  batchSize = 64,
): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const b of readParquet(path, { columns, batchSize })) {
    for (const r of rowsFromBatch(b)) rows.push(r.map(tagged));
  }
  return rows;
}

function subset(e: Expected, columns: readonly string[]): unknown[][] {
  const idx = columns.map((c) => e.columns.indexOf(c));
  return e.rows.map((r) => idx.map((i) => r[i]));
}

const FIXTURES: readonly [file: string, expected: string][] = [
  ["pa_snappy_dict_v1", "pa"],
  ["pa_zstd_plain_v2", "pa"],
  ["pa_gzip", "pa"],
  ["pa_lz4raw", "pa"],
  ["pa_brotli_v2", "pa"],
  ["pa_none", "pa"],
  ["pa_int96", "pa"],
  ["pa_delta", "pa"],
  ["duck_snappy", "duck"],
  ["duck_zstd_v2", "duck"],
  ["pa_runs", "runs"],
];

describe("readParquet: files written by pyarrow and DuckDB", () => {
  for (const [file, exp] of FIXTURES) {
    it(`${file} equals value for value`, async () => {
      const path = join(DATA, `${file}.parquet`);
      const info = await readParquetInfo(path);
      const columns = info.schema.sparkSchema.fields.map((f) => f.name);
      const rows = await readAll(path);
      const want = subset(expectedOf(exp), columns);
      assert.equal(rows.length, want.length);
      for (let c = 0; c < columns.length; c++) {
        assert.deepStrictEqual(
          rows.map((r) => r[c]),
          want.map((r) => r[c]),
          `column ${columns[c]}`,
        );
      }
    });
  }

  it("a file written by Spark 4 (INT96 timestamps, ANSI intervals from the footer's Spark schema)", async () => {
    const path = join(DATA, "spark.parquet");
    const want = readExpected("spark");
    const info = await readParquetInfo(path);
    assert.equal(simpleString(info.schema.sparkSchema), want.schema);
    assert.deepStrictEqual(await readAll(path), want.rows);
  });

  it("types Spark 4 refuses fail as in Spark", async () => {
    for (const [file, errorClass] of [
      ["pa_nanos", "PARQUET_TYPE_ILLEGAL"],
      ["pa_float16", "PARQUET_TYPE_ILLEGAL"],
      ["pa_time", "UNSUPPORTED_TIME_TYPE"],
    ] as const) {
      await assert.rejects(
        readParquetInfo(join(DATA, `${file}.parquet`)),
        (e: unknown) => e instanceof FlintError && e.errorClass === errorClass,
        file,
      );
    }
  });

  it("maps Parquet types to Spark's (schema as pyspark 4 infers it)", async () => {
    const info = await readParquetInfo(join(DATA, "pa_snappy_dict_v1.parquet"));
    // pyspark 4: spark.read.parquet(...).schema.simpleString()
    assert.equal(simpleString(info.schema.sparkSchema), SPARK_SCHEMA);
    const int96 = await readParquetInfo(join(DATA, "pa_int96.parquet"));
    assert.equal(
      simpleString(int96.schema.sparkSchema),
      "struct<ts:timestamp,ts_ms:timestamp,ts_ntz:timestamp,i32:int>",
    );
  });

  it("reads only the requested columns, in the requested order", async () => {
    const path = join(DATA, "pa_snappy_dict_v1.parquet");
    const cols = ["m", "s", "I64"];
    const rows = await readAll(path, cols, 1000);
    assert.deepStrictEqual(rows, subset(expectedOf("pa"), ["m", "s", "i64"]));
    let batches = 0;
    for await (const b of readParquet(path, { columns: [] })) {
      assert.equal(b.columns.length, 0);
      batches += b.numRows;
    }
    assert.equal(batches, 200);
  });

  it("a required schema: missing fields read as nulls, another type is an error", async () => {
    const path = join(DATA, "pa_gzip.parquet");
    const schema = structType([
      structField("REQ", LongT, true),
      structField("absent", StringT, true),
      structField("s", StringT, true),
    ]);
    const rows: unknown[][] = [];
    for await (const b of readParquet(path, { requiredSchema: schema, batchSize: 77 })) {
      assert.equal(b.schema, schema);
      for (const r of rowsFromBatch(b)) rows.push(r.map(tagged));
    }
    const want = subset(expectedOf("pa"), ["req", "s"]).map(([a, b]) => [a, null, b]);
    assert.deepStrictEqual(rows, want);
    const wrong = structType([structField("s", LongT, true)]);
    await assert.rejects(
      async () => {
        for await (const _ of readParquet(path, { requiredSchema: wrong })) {
          // drain
        }
      },
      (e: unknown) =>
        e instanceof FlintError &&
        e.errorClass === "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH" &&
        e.messageParameters.actualType === '"STRING"',
    );
  });

  it("nested schema pruning: struct fields read as a subset, also inside arrays", async () => {
    const path = join(DATA, "pa_snappy_dict_v1.parquet");
    const schema = structType([
      structField("st", structType([structField("b", StringT, true)]), true),
      structField(
        "lst",
        arrayType(structType([structField("y", arrayType(LongT, true), true)]), true),
        true,
      ),
    ]);
    const rows: unknown[][] = [];
    for await (const b of readParquet(path, { requiredSchema: schema })) {
      for (const r of rowsFromBatch(b)) rows.push(r.map(tagged));
    }
    const full = subset(expectedOf("pa"), ["st", "lst"]);
    const want = full.map(([st, lst]) => [
      st === null ? null : [(st as unknown[])[1]],
      lst === null ? null : (lst as unknown[][]).map((e) => (e === null ? null : [e[1]])),
    ]);
    assert.deepStrictEqual(rows, want);
  });

  it("cuts batches at batchSize within row groups", async () => {
    const sizes: number[] = [];
    for await (const b of readParquet(join(DATA, "pa_gzip.parquet"), {
      columns: ["i32"],
      batchSize: 30,
    })) {
      sizes.push(b.numRows);
    }
    assert.deepStrictEqual(sizes, [30, 30, 30, 10, 30, 30, 30, 10]);
  });
});

const SPARK_SCHEMA =
  "struct<b:boolean,i8:tinyint,i16:smallint,i32:int,i64:bigint,u8:smallint,u16:int,u32:bigint,u64:decimal(20,0),f32:float,f64:double,s:string,bin:binary,fixed:binary,d9:decimal(9,2),d18:decimal(18,4),d38:decimal(38,10),date:date,ts:timestamp,ts_ms:timestamp,ts_ntz:timestamp_ntz,li:array<int>,ls:array<string>,st:struct<a:int,b:string>,m:map<string,bigint>,lst:array<struct<x:int,y:array<bigint>>>,lli:array<array<smallint>>,req:bigint>";

describe("splits and row-group pruning", () => {
  it("splits a file at row-group boundaries", async () => {
    const path = join(DATA, "pa_snappy_dict_v1.parquet");
    const one = await parquetSplits(path);
    assert.equal(one.length, 1);
    assert.deepStrictEqual(one[0]!.rowGroups, [0, 1]);
    const two = await parquetSplits(path, { maxSplitBytes: 1000 });
    assert.deepStrictEqual(
      two.map((s) => [s.rowGroups, s.numRows]),
      [
        [[0], 100],
        [[1], 100],
      ],
    );
    assert.ok(two[0]!.start + two[0]!.length <= two[1]!.start);
    let n = 0;
    for await (const b of readParquet(path, { split: two[1], columns: ["req"] })) {
      n += b.numRows;
      assert.equal(b.columns[0]!.length, b.numRows);
    }
    assert.equal(n, 100);
    // arbitrary byte ranges: each row group is read by the range holding its midpoint
    const size = readFileSync(path).length;
    const counts: number[] = [];
    for (const [start, length] of [
      [0, two[1]!.start],
      [two[1]!.start, size - two[1]!.start],
      [0, size],
    ] as const) {
      let m = 0;
      for await (const b of readParquet(path, { range: { start, length }, columns: ["req"] }))
        m += b.numRows;
      counts.push(m);
    }
    assert.deepStrictEqual(counts, [100, 100, 200]);
    assert.equal(counts[2], 200);
  });

  async function count(filter: Parameters<typeof readParquet>[1]): Promise<number> {
    let n = 0;
    for await (const b of readParquet(join(DATA, "pa_snappy_dict_v1.parquet"), {
      columns: ["req"],
      ...filter,
    })) {
      n += b.numRows;
    }
    return n;
  }

  it("skips row groups whose statistics rule the predicate out", async () => {
    // req = 3 * row: row group 0 holds 0..297, row group 1 300..597
    assert.equal(
      await count({ rowGroupFilter: { kind: "compare", column: "req", op: ">", value: 400n } }),
      100,
    );
    assert.equal(
      await count({ rowGroupFilter: { kind: "compare", column: "req", op: "<", value: 0 } }),
      0,
    );
    assert.equal(
      await count({ rowGroupFilter: { kind: "compare", column: "req", op: "=", value: 297n } }),
      100,
    );
    assert.equal(
      await count({ rowGroupFilter: { kind: "in", column: "req", values: [1000n, 3n] } }),
      100,
    );
    assert.equal(await count({ rowGroupFilter: { kind: "isNull", column: "req" } }), 0);
    assert.equal(await count({ rowGroupFilter: { kind: "isNull", column: "i32" } }), 200);
    assert.equal(
      await count({ rowGroupFilter: { kind: "compare", column: "s", op: ">=", value: "日本語5" } }),
      0,
    );
    assert.equal(
      await count({
        rowGroupFilter: [
          { kind: "compare", column: "req", op: ">=", value: 0n },
          {
            kind: "or",
            children: [{ kind: "compare", column: "d18", op: "<", value: -(10n ** 30n) }],
          },
        ],
      }),
      0,
    );
    // nested columns and unknown columns never prune
    assert.equal(await count({ rowGroupFilter: { kind: "isNull", column: "st" } }), 200);
  });
});

describe("corrupt files", () => {
  const dir = mkdtempSync(join(tmpdir(), "flint-parquet-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const good = readFileSync(join(DATA, "pa_snappy_dict_v1.parquet"));

  async function failure(bytes: Uint8Array | null, name: string): Promise<FlintError> {
    const path = join(dir, name);
    if (bytes !== null) writeFileSync(path, bytes);
    try {
      for await (const _ of readParquet(path)) {
        // drain
      }
    } catch (e) {
      assert.ok(e instanceof FlintError, String(e));
      return e;
    }
    assert.fail("expected a FlintError");
  }

  it("a missing file", async () => {
    const e = await failure(null, "missing.parquet");
    assert.equal(e.errorClass, "FAILED_READ_FILE.FILE_NOT_EXIST");
    assert.equal(e.sqlState, "KD001");
  });

  it("a truncated file, a non-Parquet file and an empty file fail on the footer", async () => {
    for (const [bytes, name] of [
      [good.subarray(0, good.length - 100), "truncated.parquet"],
      [Buffer.from("a,b,c\n1,2,3\n"), "csv.parquet"],
      [new Uint8Array(0), "empty.parquet"],
    ] as const) {
      const e = await failure(bytes, name);
      assert.equal(e.errorClass, "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER", name);
      assert.match(e.message, /^\[FAILED_READ_FILE\.CANNOT_READ_FILE_FOOTER\]/);
    }
  });

  it("a garbled footer or garbled pages fail with FAILED_READ_FILE", async () => {
    const footerLen = good.readUInt32LE(good.length - 8);
    const garbledFooter = Buffer.from(good);
    garbledFooter.fill(0xff, good.length - 8 - footerLen, good.length - 8 - footerLen + 40);
    const e1 = await failure(garbledFooter, "footer.parquet");
    assert.equal(e1.errorClass, "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER");
    // overwrite the data pages (keep the footer): decoding must fail cleanly, not crash
    for (let seed = 0; seed < 6; seed++) {
      const garbled = Buffer.from(good);
      for (let i = 4 + seed * 97; i < good.length - 8 - footerLen; i += 13)
        garbled[i] = (i * 31 + seed) & 0xff;
      try {
        for await (const _ of readParquet(join(dir, writeGarbled(garbled, seed)))) {
          // drain
        }
      } catch (e) {
        assert.ok(e instanceof FlintError, `seed ${seed}: ${String(e)}`);
        assert.match(e.errorClass, /^FAILED_READ_FILE/);
      }
    }
  });

  function writeGarbled(bytes: Uint8Array, seed: number): string {
    const name = `garbled-${seed}.parquet`;
    writeFileSync(join(dir, name), bytes);
    return name;
  }
});
