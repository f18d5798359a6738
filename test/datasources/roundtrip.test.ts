/**
 * Round trips through df.write: edge values of every Spark type (NaN, ±Infinity, -0.0,
 * integer extremes, decimal(38), non-ASCII and empty strings, binary, dates from year 1 to
 * 9999 incl. before the 1582 calendar switch, timestamps, timestamp_ntz, arrays, maps,
 * structs and nulls at every level) written by Flint with each codec are read back by
 * pyarrow and DuckDB (tools/oracles/roundtrip.py) as the values the SQL literals denote.
 * (-0.0 is covered by the parquet writer's own tests: Flint's SQL turns -0.0 into 0.0 today.)
 * A directory pyspark wrote (its layout: _SUCCESS, .crc files, k=v/ directories, INT96
 * timestamps) is read by Flint as Spark reads it (fixtures/spark-written*, from
 * tools/oracles/spark-layout.py). Reading single files pyarrow and DuckDB write, every
 * encoding and codec, is tested in src/execution/datasources/parquet/ (committed fixtures).
 * The df.write round trips are skipped without python3 pyarrow/duckdb.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { SparkSession } from "../../src/index.ts";
import { simpleString } from "../../src/types/data-types.ts";

const ORACLE = join(import.meta.dirname, "..", "..", "tools", "oracles", "roundtrip.py");
const hasPython =
  spawnSync("python3", ["-c", "import pyarrow, duckdb"], { encoding: "utf8" }).status === 0;

const dir = mkdtempSync(join(tmpdir(), "flint-roundtrip-"));
const spark = SparkSession.builder()
  .master("local[1]")
  .config("spark.sql.session.timeZone", "UTC")
  .create();

after(async () => {
  await spark.stop();
  rmSync(dir, { recursive: true, force: true });
});

const micros = (iso: string): bigint => {
  const [base, frac = ""] = iso.split(".");
  return BigInt(new Date(`${base}Z`).getTime()) * 1000n + BigInt(frac.padEnd(6, "0"));
};

const ROWS = [
  `SELECT 0 AS id, true AS b, CAST(127 AS TINYINT) AS y, CAST(-32768 AS SMALLINT) AS h,
     2147483647 AS i, -9223372036854775808L AS l, CAST('NaN' AS FLOAT) AS f,
     CAST('-Infinity' AS DOUBLE) AS d, CAST(123.45 AS DECIMAL(5,2)) AS d5,
     CAST('999999999999999.999' AS DECIMAL(18,3)) AS d18,
     CAST('99999999999999999999999999999999999999' AS DECIMAL(38,0)) AS d38,
     CAST('-1234567890123456789012345678.0123456789' AS DECIMAL(38,10)) AS d38s,
     'héllo 日本 🙂' AS s, X'00FF10' AS bin, DATE'0001-01-01' AS dt,
     TIMESTAMP'0001-01-01 00:00:00' AS ts, CAST('2024-01-01 00:00:00.000001' AS TIMESTAMP_NTZ) AS tn,
     array(1, NULL, 3) AS a, map('k', 1, 'é', NULL) AS m,
     named_struct('x', NULL, 'y', array('a', NULL)) AS st,
     array(named_struct('p', 1L, 'q', map(1, array(2.5D)))) AS nest`,
  `SELECT 1, false, CAST(-128 AS TINYINT), CAST(32767 AS SMALLINT), -2147483648,
     9223372036854775807L, CAST('Infinity' AS FLOAT), CAST('4.9E-324' AS DOUBLE),
     CAST(-0.01 AS DECIMAL(5,2)), CAST(-1.5 AS DECIMAL(18,3)),
     CAST('-99999999999999999999999999999999999999' AS DECIMAL(38,0)),
     CAST('0.0000000001' AS DECIMAL(38,10)), '', X'', DATE'1582-10-04',
     TIMESTAMP'1582-10-15 12:00:00.5', CAST('1969-12-31 23:59:59.999999' AS TIMESTAMP_NTZ),
     CAST(array() AS ARRAY<INT>), map_from_arrays(CAST(array() AS ARRAY<STRING>), CAST(array() AS ARRAY<INT>)), named_struct('x', 7, 'y', CAST(NULL AS ARRAY<STRING>)),
     array(named_struct('p', CAST(NULL AS BIGINT), 'q', CAST(NULL AS MAP<INT, ARRAY<DOUBLE>>)), NULL)`,
  `SELECT 2, NULL, NULL, NULL, NULL, NULL, CAST('3.4028235E38' AS FLOAT), CAST('NaN' AS DOUBLE), NULL, NULL,
     NULL, NULL, NULL, NULL, DATE'9999-12-31', TIMESTAMP'2024-02-29 12:34:56.789012', NULL,
     NULL, NULL, NULL, NULL`,
];

const EXPECTED: unknown[][] = [
  [
    0,
    true,
    127,
    -32768,
    2147483647,
    -9223372036854775808n,
    "NaN",
    "-Infinity",
    "123.45",
    "999999999999999.999",
    "99999999999999999999999999999999999999",
    "-1234567890123456789012345678.0123456789",
    "héllo 日本 🙂",
    { $bin: "00ff10" },
    "0001-01-01",
    micros("0001-01-01T00:00:00"),
    micros("2024-01-01T00:00:00.000001"),
    [1, null, 3],
    [
      ["k", 1],
      ["é", null],
    ],
    { x: null, y: ["a", null] },
    [{ p: 1, q: [[1, [2.5]]] }],
  ],
  [
    1,
    false,
    -128,
    32767,
    -2147483648,
    9223372036854775807n,
    "Infinity",
    4.9e-324,
    "-0.01",
    "-1.500",
    "-99999999999999999999999999999999999999",
    "1E-10",
    "",
    { $bin: "" },
    "1582-10-04",
    micros("1582-10-15T12:00:00.5"),
    micros("1969-12-31T23:59:59.999999"),
    [],
    [],
    { x: 7, y: null },
    [{ p: null, q: null }, null],
  ],
  [
    2,
    null,
    null,
    null,
    null,
    null,
    Math.fround(3.4028235e38),
    "NaN",
    null,
    null,
    null,
    null,
    null,
    null,
    "9999-12-31",
    micros("2024-02-29T12:34:56.789012"),
    null,
    null,
    null,
    null,
    null,
  ],
];

/** JSON with integers beyond 2^53 kept exact (as bigint). */
function parseExact(text: string): unknown {
  return JSON.parse(text.replace(/(?<=[[,:]\s*)(-?\d{16,})(?=[,\]}])/g, '"$$big:$1"'), (_k, v) =>
    typeof v === "string" && v.startsWith("$big:") ? BigInt(v.slice(5)) : v,
  );
}

/** A decimal string in plain notation without trailing fraction zeros (1E-10 -> 0.0000000001). */
function canonDecimal(v: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:E([-+]?\d+))?$/.exec(v);
  if (m === null) return v;
  const [, sign, int = "", frac = "", exp = "0"] = m;
  let digits = `${int}${frac}`;
  let point = int.length + Number(exp);
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits = digits.padEnd(point, "0");
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, "");
  const fraction = digits.slice(point).replace(/0+$/, "");
  return `${sign}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

/** Values compared across readers: decimal strings canonical, big integers as bigint. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (v !== null && typeof v === "object" && !("$bin" in v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  }
  if (typeof v === "string" && /^-?\d+(\.\d+)?(E[-+]?\d+)?$/.test(v)) return canonDecimal(v);
  if (typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v) && !Object.is(v, -0)))
    return `int:${v}`;
  return v;
}

describe("round trips through df.write", { skip: !hasPython }, () => {
  const codecs = ["snappy", "zstd", "gzip", "lz4_raw", "none"];
  it(`pyarrow and DuckDB read every value Flint wrote (${codecs.join(", ")})`, async () => {
    const df = spark.sql(ROWS.join(" UNION ALL ")).coalesce(1);
    const outs = codecs.map((c) => join(dir, c));
    for (const [i, codec] of codecs.entries()) {
      await df.write.option("compression", codec).parquet(outs[i] ?? "");
    }
    const r = spawnSync("python3", [ORACLE, "read", ...outs], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines.length, codecs.length);
    for (const [k, line] of lines.entries()) {
      const got = parseExact(line) as Record<string, { columns: string[]; rows: unknown[][] }>;
      for (const reader of ["pyarrow", "duckdb"]) {
        const res = got[reader]!;
        const where = `${codecs[k]} ${reader}`;
        assert.equal(res.columns.length, EXPECTED[0]!.length, where);
        const rows = [...res.rows].sort((a, b) => Number(a[0]) - Number(b[0]));
        for (let i = 0; i < EXPECTED.length; i++) {
          for (let c = 0; c < EXPECTED[i]!.length; c++) {
            if (reader === "duckdb" && res.columns[c] === "tn") continue; // DuckDB: no NTZ distinction
            assert.deepEqual(
              normalize(rows[i]?.[c]),
              normalize(EXPECTED[i]![c]),
              `${where} row ${i} column ${res.columns[c]}`,
            );
          }
        }
      }
    }
  });
});

describe("files Spark wrote", () => {
  it("Flint reads pyspark's partitioned output (INT96, nested, nulls) as Spark does", async () => {
    const fixtures = join(import.meta.dirname, "fixtures");
    const want = JSON.parse(readFileSync(join(fixtures, "spark-written.json"), "utf8")) as {
      schema: string;
      rows: {
        id: number;
        p: number;
        ts: string | null;
        dec: string | null;
        s: string | null;
        a: (number | null)[];
        m: Record<string, number>;
        st: { x: number; y: string };
      }[];
    };
    const df = spark.read.parquet(join(fixtures, "spark-written"));
    assert.equal(simpleString(await df.schema()), want.schema);
    const got = await df
      .selectExpr(
        "id",
        "p",
        "unix_micros(ts) AS ts",
        "CAST(dec AS STRING) AS dec",
        "s",
        "to_json(a) AS a",
        "to_json(m) AS m",
        "to_json(st) AS st",
      )
      .orderBy("id")
      .collect();
    assert.deepEqual(
      got.map((r) => Array.from({ length: 8 }, (_, i) => r.get(i))),
      want.rows.map((r) => [
        BigInt(r.id),
        r.p,
        r.ts === null ? null : micros(r.ts),
        r.dec,
        r.s,
        JSON.stringify(r.a),
        JSON.stringify(r.m),
        JSON.stringify(r.st),
      ]),
    );
  });
});
