import zlib from "node:zlib";
import type { CompressionCodec } from "./compression.ts";

/**
 * The on-disk unit of shuffle files, spill files and disk blocks: a sequence of frames,
 * each holding one segment of bytes exactly as the writer handed it over.
 *
 *     u32 storedLength | u32 rawLength | u32 crc32(stored) | stored bytes
 *
 * `stored` is the segment compressed with the file's codec. The checksum lets a reader tell
 * a corrupt file from a valid one (a corrupt shuffle block is a fetch failure).
 */
export const FRAME_HEADER_BYTES = 12;

export class CorruptBlockError extends Error {
  override readonly name = "CorruptBlockError";
}

/** Encodes one segment as a frame. */
export function encodeFrame(segment: Uint8Array, codec: CompressionCodec): Uint8Array {
  const stored = codec.compress(segment);
  const frame = new Uint8Array(FRAME_HEADER_BYTES + stored.byteLength);
  const view = new DataView(frame.buffer);
  view.setUint32(0, stored.byteLength, true);
  view.setUint32(4, segment.byteLength, true);
  view.setUint32(8, zlib.crc32(stored), true);
  frame.set(stored, FRAME_HEADER_BYTES);
  return frame;
}

/** Decodes every frame in `bytes` (a whole block) back into the original segments. */
export function decodeFrames(bytes: Uint8Array, codec: CompressionCodec): Uint8Array[] {
  const out: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  while (pos < bytes.byteLength) {
    if (pos + FRAME_HEADER_BYTES > bytes.byteLength) {
      throw new CorruptBlockError(`truncated frame header at offset ${pos}`);
    }
    const storedLength = view.getUint32(pos, true);
    const rawLength = view.getUint32(pos + 4, true);
    const crc = view.getUint32(pos + 8, true);
    const start = pos + FRAME_HEADER_BYTES;
    const end = start + storedLength;
    if (end > bytes.byteLength) throw new CorruptBlockError(`truncated frame at offset ${pos}`);
    const stored = bytes.subarray(start, end);
    if (zlib.crc32(stored) !== crc) {
      throw new CorruptBlockError(`checksum mismatch in frame at offset ${pos}`);
    }
    let raw: Uint8Array;
    try {
      raw = codec.decompress(stored, rawLength);
    } catch (e) {
      throw new CorruptBlockError(`cannot decompress frame at offset ${pos}: ${String(e)}`);
    }
    if (raw.byteLength !== rawLength) {
      throw new CorruptBlockError(`frame at offset ${pos} decompressed to the wrong length`);
    }
    out.push(raw);
    pos = end;
  }
  return out;
}
