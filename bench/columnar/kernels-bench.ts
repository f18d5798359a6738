/**
 * Micro-benchmark (not a test): columnar kernels against naive JS-array versions.
 *   node_modules/.bin/node bench/columnar/kernels-bench.ts
 * Prints the median of several runs per case (ms) and the speed-up.
 */

import { cpus } from "node:os";
import { decodeIpc, encodeIpc } from "../../src/execution/columnar/arrow-ipc.ts";
import { batchFromColumns, rowsFromBatch } from "../../src/execution/columnar/batch.ts";
import { fromValues } from "../../src/execution/columnar/builder.ts";
import { take } from "../../src/execution/columnar/kernels.ts";
import type { BytesVector } from "../../src/execution/columnar/vector.ts";
import { decodeStrings, getString, toValues } from "../../src/execution/columnar/vector.ts";
import { KeyTable } from "../../src/execution/hash/key-table.ts";
import { murmur3Column, murmur3Value } from "../../src/execution/hash/murmur3.ts";
import { xxhash64Column } from "../../src/execution/hash/xxhash64.ts";
import {
  DoubleT,
  IntegerT,
  LongT,
  StringT,
  structField,
  structType,
} from "../../src/types/data-types.ts";

const N = 1_000_000;
let sink = 0;

function median(f: () => void, runs = 7): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[runs >> 1]!;
}

function report(name: string, fast: number, naive: number): void {
  console.log(
    `${name.padEnd(40)} kernel ${fast.toFixed(2).padStart(8)} ms   naive ${naive.toFixed(2).padStart(8)} ms   x${(naive / fast).toFixed(1)}`,
  );
}

// deterministic pseudo-random indices
const idx = new Int32Array(N);
let seed = 12345;
for (let i = 0; i < N; i++) {
  seed = (Math.imul(seed, 1103515245) + 12345) | 0;
  idx[i] = (seed >>> 1) % N;
}
const idxArr = Array.from(idx);

// take on ints with 10% nulls
const ints = Array.from({ length: N }, (_, i) => (i % 10 === 0 ? null : i));
const intVec = fromValues(IntegerT, ints);
report(
  "take int32 (1M, random, 10% null)",
  median(() => {
    sink += take(intVec, idx).length;
  }),
  median(() => {
    const out = idxArr.map((i) => ints[i]);
    sink += out.length;
  }),
);

// take on longs
const longs = Array.from({ length: N }, (_, i) => BigInt(i) * 7n);
const longVec = fromValues(LongT, longs);
report(
  "take int64 (1M, random)",
  median(() => {
    sink += take(longVec, idx).length;
  }),
  median(() => {
    const out = idxArr.map((i) => longs[i]);
    sink += out.length;
  }),
);

// take on short strings
const strs = Array.from({ length: N }, (_, i) => `key-${i % 50000}`);
const strVec = fromValues(StringT, strs) as BytesVector;
report(
  "take string (1M, random, ~9 bytes)",
  median(() => {
    sink += take(strVec, idx).length;
  }),
  median(() => {
    const out = idxArr.map((i) => strs[i]);
    sink += out.length;
  }),
);

// string access: decode every value
const dec = new TextDecoder();
report(
  "decode all strings (decodeStrings)",
  median(() => {
    sink += decodeStrings(strVec).length;
  }),
  median(() => {
    const out = new Array<string>(N);
    for (let i = 0; i < N; i++) {
      out[i] = dec.decode(strVec.data.subarray(strVec.offsets[i]!, strVec.offsets[i + 1]!));
    }
    sink += out.length;
  }),
);
report(
  "decode strings one by one (getString)",
  median(() => {
    for (let i = 0; i < N; i++) sink += getString(strVec, i).length;
  }),
  median(() => {
    for (let i = 0; i < N; i++) {
      sink += dec.decode(strVec.data.subarray(strVec.offsets[i]!, strVec.offsets[i + 1]!)).length;
    }
  }),
);
const uni = Array.from({ length: N }, (_, i) => `ключ-${i % 50000}`);
const uniVec = fromValues(StringT, uni) as BytesVector;
report(
  "decode all non-ASCII strings",
  median(() => {
    sink += decodeStrings(uniVec).length;
  }),
  median(() => {
    const out = new Array<string>(N);
    for (let i = 0; i < N; i++) {
      out[i] = dec.decode(uniVec.data.subarray(uniVec.offsets[i]!, uniVec.offsets[i + 1]!));
    }
    sink += out.length;
  }),
);
report(
  "build string vector (fromValues)",
  median(() => {
    sink += fromValues(StringT, strs).length;
  }, 3),
  median(() => {
    const enc = new TextEncoder();
    const parts = strs.map((s) => enc.encode(s));
    sink += parts.length;
  }, 3),
);

// hashing: vectorized against the per-value interpreter path
const seeds = new Int32Array(N);
report(
  "murmur3 int64 column vs per value",
  median(() => {
    seeds.fill(42);
    murmur3Column(longVec, seeds);
  }),
  median(() => {
    for (let i = 0; i < N; i++) seeds[i] = murmur3Value(longs[i], LongT, 42);
  }),
);
report(
  "murmur3 string column vs per value",
  median(() => {
    seeds.fill(42);
    murmur3Column(strVec, seeds);
  }),
  median(() => {
    for (let i = 0; i < N; i++) seeds[i] = murmur3Value(strs[i], StringT, 42);
  }),
);
const xseeds = new BigInt64Array(N);
const xInt = median(() => {
  xseeds.fill(42n);
  xxhash64Column(longVec, xseeds);
});
const xStr = median(() => {
  xseeds.fill(42n);
  xxhash64Column(strVec, xseeds);
});
console.log(
  `xxhash64 int64 column ${xInt.toFixed(2)} ms, string column ${xStr.toFixed(2)} ms (1M rows)`,
);
// grouping: vectorized key table against a Map keyed by the value
const groupInts = fromValues(
  IntegerT,
  Array.from({ length: N }, (_, i) => (i * 7919) % 10000),
);
const groupIntValues = toValues(groupInts);
report(
  "group 1M int keys (10k groups)",
  median(() => {
    sink += new KeyTable().findOrInsert([groupInts], N).length;
  }, 5),
  median(() => {
    const m = new Map<unknown, number>();
    const out = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      const k = groupIntValues[i];
      let g = m.get(k);
      if (g === undefined) {
        g = m.size;
        m.set(k, g);
      }
      out[i] = g;
    }
    sink += out.length;
  }, 5),
);
report(
  "group 1M string keys (50k groups)",
  median(() => {
    sink += new KeyTable().findOrInsert([strVec], N).length;
  }, 5),
  median(() => {
    const m = new Map<unknown, number>();
    const out = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      const k = getString(strVec, i);
      let g = m.get(k);
      if (g === undefined) {
        g = m.size;
        m.set(k, g);
      }
      out[i] = g;
    }
    sink += out.length;
  }, 5),
);
// Arrow IPC: a 1M-row batch (int, long, double, string)
const ipcSchema = structType([
  structField("i", IntegerT),
  structField("l", LongT),
  structField("d", DoubleT),
  structField("s", StringT),
]);
const ipcBatch = batchFromColumns(ipcSchema, [
  ints,
  longs,
  Array.from({ length: N }, (_, i) => i / 3),
  strs,
]);
let ipcBytes = encodeIpc(ipcBatch);
const enc = median(() => {
  ipcBytes = encodeIpc(ipcBatch);
}, 5);
const decd = median(() => {
  sink += decodeIpc(ipcBytes).numRows;
}, 5);
const rowsT = median(() => {
  sink += rowsFromBatch(ipcBatch).length;
}, 3);
console.log(
  `IPC encode ${enc.toFixed(1)} ms, decode ${decd.toFixed(2)} ms (${(ipcBytes.length / 1e6).toFixed(1)} MB); rowsFromBatch ${rowsT.toFixed(0)} ms`,
);
sink += toValues(take(intVec, idx.subarray(0, 1))).length;
console.log(
  `\n${cpus()[0]?.model ?? "unknown cpu"}, node ${process.version}, ${N} rows (sink ${sink > 0})`,
);
