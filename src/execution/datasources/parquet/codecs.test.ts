import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as zlib from "node:zlib";
import fc from "fast-check";
import {
  CodecError,
  compress,
  decompress,
  lz4RawDecompress,
  snappyCompress,
  snappyDecompress,
} from "./codecs.ts";
import { CODEC } from "./metadata.ts";

/** Inputs with repeats (so the compressors emit copies, overlapping ones included). */
const repetitive = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.constantFrom(new Uint8Array(300).fill(7), Buffer.from("abcabcabc")),
    ),
    {
      maxLength: 30,
    },
  )
  .map((parts) => Buffer.concat(parts.flatMap((p, i) => (i % 3 === 0 ? [p, p] : [p]))));

describe("codecs", () => {
  it("snappy: our compressor and decompressor round-trip", () => {
    fc.assert(
      fc.property(repetitive, (input) => {
        const c = snappyCompress(input);
        assert.deepStrictEqual(Buffer.from(snappyDecompress(c, input.length)), input);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("snappy: decodes a stream with 1-, 2- and 4-byte-offset copies and long literals", () => {
    // hand-assembled per the format description: varint length, then tagged elements
    const lit = Buffer.alloc(70, 0x61); // literal of 70 bytes: tag 60<<2, 1-byte length 69
    const parts = [
      Buffer.from([70 + 4 + 10 + 5]), // total 89 bytes
      Buffer.from([60 << 2, 69]),
      lit,
      Buffer.from([((4 - 4) << 2) | 1 | (0 << 5), 3]), // copy len 4, offset 3 (1-byte offset)
      Buffer.from([((10 - 1) << 2) | 2, 10, 0]), // copy len 10, offset 10 (2-byte offset)
      Buffer.from([((5 - 1) << 2) | 3, 1, 0, 0, 0]), // copy len 5, offset 1 (4-byte offset, overlapping)
    ];
    const out = snappyDecompress(Buffer.concat(parts), 89);
    assert.equal(Buffer.from(out).toString("latin1"), "a".repeat(89));
  });

  it("snappy: corrupt input fails with CodecError", () => {
    const good = snappyCompress(Buffer.from("hello hello hello hello"));
    assert.throws(() => snappyDecompress(good, 5), CodecError);
    assert.throws(() => snappyDecompress(good.subarray(0, good.length - 2), 23), CodecError);
    assert.throws(() => snappyDecompress(Buffer.from([10, (3 << 2) | 1, 9]), 10), CodecError);
  });

  it("snappy pages (WebAssembly decoder): corrupt or mislabelled input fails with CodecError", () => {
    const input = Buffer.from("hello hello hello hello hello hello");
    const good = snappyCompress(input);
    assert.deepStrictEqual(Buffer.from(decompress(CODEC.SNAPPY, good, input.length)), input);
    assert.throws(() => decompress(CODEC.SNAPPY, good, input.length + 1), CodecError);
    assert.throws(
      () => decompress(CODEC.SNAPPY, good.subarray(0, good.length - 3), input.length),
      CodecError,
    );
    assert.throws(() => decompress(CODEC.SNAPPY, new Uint8Array(0), 0), CodecError);
  });

  it("LZ4 raw blocks decode (hand-assembled, with an overlapping match)", () => {
    // token: 3 literals, match length 4+6=10; literals "abc"; offset 3; last literals "z"
    const block = Buffer.from([(3 << 4) | 6, 0x61, 0x62, 0x63, 3, 0, 1 << 4, 0x7a]);
    assert.equal(Buffer.from(lz4RawDecompress(block, 14)).toString(), "abcabcabcabcaz");
    assert.throws(() => lz4RawDecompress(block, 20), CodecError);
  });

  it("every write codec round-trips through decompress", () => {
    const input = Buffer.from("flint parquet ".repeat(200));
    for (const [name, id] of [
      ["uncompressed", CODEC.UNCOMPRESSED],
      ["snappy", CODEC.SNAPPY],
      ["gzip", CODEC.GZIP],
      ["zstd", CODEC.ZSTD],
      ["lz4_raw", CODEC.LZ4_RAW],
    ] as const) {
      const c = compress(name, input);
      assert.deepStrictEqual(Buffer.from(decompress(id, c, input.length)), input, name);
    }
    // brotli pages (pyarrow can write them) decode through zlib
    assert.deepStrictEqual(
      Buffer.from(decompress(CODEC.BROTLI, zlib.brotliCompressSync(input), input.length)),
      input,
    );
    assert.throws(() => decompress(CODEC.LZO, input, input.length), CodecError);
  });
});
