import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as arrow from "apache-arrow";
import { IntegerT, StringT, structField, structType } from "../../types/data-types.ts";
import {
  decodeIpc,
  decodeIpcStream,
  encodeIpc,
  encodeIpcStream,
  fromArrowSchema,
  toArrowRecordBatch,
  toArrowSchema,
} from "./arrow-ipc.ts";
import { batchFromRows, columnarBatch, rowsFromBatch, sliceBatch } from "./batch.ts";
import { ALL_TYPES_ROWS, ALL_TYPES_SCHEMA } from "./testing.ts";
import type { Int32Vector } from "./vector.ts";

const batch = batchFromRows(ALL_TYPES_SCHEMA, ALL_TYPES_ROWS);

function hasPyarrow(): boolean {
  try {
    execFileSync("python3", ["-c", "import pyarrow"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("Arrow IPC", () => {
  it("round-trips every type with nulls, keeping the exact Spark schema", () => {
    const back = decodeIpc(encodeIpc(batch));
    assert.deepEqual(back.schema, ALL_TYPES_SCHEMA);
    assert.deepEqual(rowsFromBatch(back), ALL_TYPES_ROWS);
  });

  it("round-trips slices and several batches in one stream", () => {
    const parts = [sliceBatch(batch, 1, 3), batch, sliceBatch(batch, 0, 0)];
    const { schema, batches } = decodeIpcStream(encodeIpcStream(ALL_TYPES_SCHEMA, parts));
    assert.deepEqual(schema, ALL_TYPES_SCHEMA);
    assert.deepEqual(
      batches.map((b) => rowsFromBatch(b)),
      parts.map((b) => rowsFromBatch(b)),
    );
    const empty = decodeIpc(encodeIpcStream(ALL_TYPES_SCHEMA, []));
    assert.equal(empty.numRows, 0);
  });

  it("shares our typed arrays when building Arrow data and when reading it back", () => {
    const s = structType([structField("i", IntegerT)]);
    const b = batchFromRows(s, [[1], [null], [3]]);
    const rb = toArrowRecordBatch(b);
    assert.equal(rb.data.children[0]!.values, (b.columns[0] as Int32Vector).values);
    const bytes = encodeIpc(b);
    const back = decodeIpc(bytes).columns[0] as Int32Vector;
    assert.equal(back.values.buffer, bytes.buffer);
  });

  it("writes what pyarrow reads, and reads what pyarrow writes", { skip: !hasPyarrow() }, () => {
    const dir = mkdtempSync(join(tmpdir(), "flint-ipc-"));
    try {
      const file = join(dir, "in.arrows");
      writeFileSync(file, encodeIpc(batch));
      const script = `
import pyarrow as pa, pyarrow.ipc as ipc, sys, json
t = ipc.open_stream(open(sys.argv[1], "rb").read()).read_all()
out = {"types": {f.name: str(f.type) for f in t.schema}}
out["rows"] = t.num_rows
out["str"] = t.column("str").to_pylist()
out["bigdec"] = [str(x) if x is not None else None for x in t.column("bigdec").to_pylist()]
out["ts"] = [str(x) if x is not None else None for x in t.column("ts").to_pylist()]
out["m"] = t.column("m").to_pylist()
out["nested"] = t.column("nested").to_pylist()
print(json.dumps(out, ensure_ascii=False))
tbl = pa.table({"a": pa.array([1, None, 3], pa.int32()), "s": pa.array(["x", None, "ÿz"]),
                "t": pa.array([1000, None, 0], pa.timestamp("ms", tz="UTC")),
                "u": pa.array([2**64 - 1, None, 7], pa.uint64()),
                "u8": pa.array([255, 0, None], pa.uint8()),
                "ls": pa.array(["big", None, ""], pa.large_string())})
with ipc.new_stream(sys.argv[2], tbl.schema) as w:
    w.write_table(tbl)
`;
      const outFile = join(dir, "out.arrows");
      const text = execFileSync("python3", ["-c", script, file, outFile], { encoding: "utf8" });
      const got = JSON.parse(text) as Record<string, unknown>;
      assert.equal(got.rows, 3);
      const types = got.types as Record<string, string>;
      assert.equal(types.i, "int32");
      assert.equal(types.bigdec, "decimal128(38, 6)");
      assert.equal(types.ts, "timestamp[us, tz=UTC]");
      assert.equal(types.tsntz, "timestamp[us]");
      assert.equal(types.dt, "date32[day]");
      assert.equal(types.dti, "duration[us]");
      assert.equal(types.ymi, "month_interval");
      assert.equal(types.m, "map<string, int64>");
      assert.deepEqual(got.str, ["héllo wörld ☃ 𝄞", null, ""]);
      assert.deepEqual(got.bigdec, [
        "-123456789012345678901234567890.123456",
        null,
        "99999999999999999999999999999999.999999",
      ]);
      assert.deepEqual(got.ts, [
        "0001-01-01 00:00:00+00:00",
        null,
        "2023-11-14 22:13:20.123456+00:00",
      ]);
      assert.deepEqual(got.m, [
        [
          ["k1", 1],
          ["k2", null],
        ],
        null,
        [],
      ]);
      assert.deepEqual(got.nested, [[{ k: [1.5, null] }, null, { k: [] }], null, []]);

      const back = decodeIpc(readFileSync(outFile));
      assert.deepEqual(
        back.schema.fields.map((f) => f.dataType.kind),
        ["integer", "string", "timestamp", "decimal", "short", "string"],
      );
      assert.deepEqual(rowsFromBatch(back), [
        [1, "x", 1000000n, 18446744073709551615n, 255, "big"],
        [null, null, null, null, 0, null],
        [3, "ÿz", 0n, 7n, null, ""],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps field nullability", () => {
    const s = structType([structField("a", StringT, false)]);
    assert.deepEqual(decodeIpc(encodeIpc(batchFromRows(s, [["x"]]))).schema, s);
  });

  it("recovers Spark types from Arrow fields alone (no flint.schema metadata)", () => {
    const fields = toArrowSchema(ALL_TYPES_SCHEMA).fields;
    assert.deepEqual(fromArrowSchema(new arrow.Schema(fields)), ALL_TYPES_SCHEMA);
  });

  it("decodes from views at any byte offset (copies only what misalignment forces)", () => {
    const bytes = encodeIpc(batch);
    for (const off of [1, 3, 4]) {
      const big = new Uint8Array(bytes.length + off);
      big.set(bytes, off);
      assert.deepEqual(rowsFromBatch(decodeIpc(big.subarray(off))), ALL_TYPES_ROWS);
    }
  });

  it("keeps the row count of batches without columns", () => {
    const empty = columnarBatch(structType([]), 5, []);
    assert.equal(decodeIpc(encodeIpc(empty)).numRows, 5);
  });
});
