import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  ByteSink,
  bitWidth,
  decodeByteStreamSplit,
  decodeDeltaInt32,
  decodeRleHybrid,
  encodeRleHybrid,
  unpackBits,
} from "./encodings.ts";

describe("encodings", () => {
  it("RLE/bit-packed hybrid: encode then decode is the identity", () => {
    const runs = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 2 ** 20 }), fc.integer({ min: 1, max: 40 })),
      {
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(runs, fc.integer({ min: 0, max: 20 }), (rs, shift) => {
        const values = Int32Array.from(rs.flatMap(([v, n]) => Array(n).fill(v >>> shift)));
        let max = 0;
        for (const v of values) max = Math.max(max, v);
        const width = bitWidth(max);
        const sink = new ByteSink(16);
        encodeRleHybrid(values, values.length, width, sink);
        const out = new Int32Array(values.length);
        const bytes = sink.result();
        decodeRleHybrid(bytes, 0, bytes.length, width, values.length, out, 0);
        assert.deepStrictEqual(out, values);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("decodes the hybrid example of the Parquet spec (bit-packed 0..7, width 3)", () => {
    // spec: values 0..7 bit-packed with width 3 are the bytes 10001000 11000110 11111010
    const bytes = Uint8Array.of((1 << 1) | 1, 0b10001000, 0b11000110, 0b11111010);
    const out = new Int32Array(8);
    decodeRleHybrid(bytes, 0, bytes.length, 3, 8, out, 0);
    assert.deepStrictEqual([...out], [0, 1, 2, 3, 4, 5, 6, 7]);
    // an RLE run: header 5 << 1, value 300 in two bytes (width 9)
    const rle = Uint8Array.of(5 << 1, 300 & 0xff, 300 >> 8);
    const o2 = new Int32Array(5);
    decodeRleHybrid(rle, 0, rle.length, 9, 5, o2, 0);
    assert.deepStrictEqual([...o2], [300, 300, 300, 300, 300]);
  });

  it("unpacks widths up to 32 bits", () => {
    for (const width of [1, 7, 8, 13, 24, 25, 26, 31, 32]) {
      const values = Array.from(
        { length: 20 },
        (_, i) => (i * 2654435761) % 2 ** Math.min(width, 31),
      );
      const bytes = new Uint8Array(Math.ceil((20 * width) / 8));
      values.forEach((v, i) => {
        for (let b = 0; b < width; b++) {
          if (Math.floor(v / 2 ** b) % 2 === 1)
            bytes[(i * width + b) >> 3]! |= 1 << ((i * width + b) & 7);
        }
      });
      const out = new Int32Array(20);
      unpackBits(bytes, 0, width, 20, out, 0);
      assert.deepStrictEqual([...out], values, `width ${width}`);
    }
  });

  it("DELTA_BINARY_PACKED: the spec's example 1, 2, 3, 4, 5", () => {
    // block size 128, 4 miniblocks, 5 values, first value 1 (zigzag 2); min delta 1 (zigzag 2);
    // all deltas - min = 0, so bit widths 0
    const bytes = Uint8Array.of(128, 1, 4, 5, 2, 2, 0, 0, 0, 0);
    const out = new Int32Array(5);
    decodeDeltaInt32(bytes, 0, 5, out, 0);
    assert.deepStrictEqual([...out], [1, 2, 3, 4, 5]);
  });

  it("BYTE_STREAM_SPLIT interleaves bytes back", () => {
    const floats = Float32Array.of(1.5, -2.25, 1e-8);
    const src = new Uint8Array(floats.buffer);
    const split = new Uint8Array(12);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) split[j * 3 + i] = src[i * 4 + j]!;
    const out = new Uint8Array(12);
    decodeByteStreamSplit(split, 0, 3, 4, out, 0);
    assert.deepStrictEqual([...new Float32Array(out.buffer)], [...floats]);
  });
});
