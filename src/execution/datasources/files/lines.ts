/**
 * The text of a split for line-based formats, as Hadoop's LineRecordReader: a split that
 * does not start at 0 skips its first (partial) line, and a split owns every line that
 * starts at or before its end, reading past the end to finish the last one. Compressed
 * files (`.gz`, `.deflate`) and whole-file reads take the entire file.
 */
import { open, readFile } from "node:fs/promises";
import { gunzipSync, inflateSync } from "node:zlib";
import { FlintError } from "../../../errors/index.ts";
import type { FileSplit } from "../formats.ts";

const CHUNK = 64 * 1024;

export function isCompressed(path: string): boolean {
  return path.endsWith(".gz") || path.endsWith(".deflate");
}

function decode(bytes: Uint8Array, encoding: string): string {
  const enc = encoding.toLowerCase().replace(/_/g, "-");
  if (enc === "utf-8" || enc === "utf8") return Buffer.from(bytes).toString("utf8");
  return new TextDecoder(enc).decode(bytes);
}

function readError(path: string, e: unknown): FlintError {
  if ((e as { code?: string }).code === "ENOENT") {
    return new FlintError(
      "FAILED_READ_FILE.FILE_NOT_EXIST",
      { path: `file:${path}` },
      { cause: e },
    );
  }
  return new FlintError(
    "FAILED_READ_FILE.NO_HINT",
    { path: `file:${path}`, detail: String((e as Error).message ?? e) },
    { cause: e },
  );
}

/** The whole file's text (decompressed when `.gz`). */
export async function readWholeText(path: string, encoding: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw readError(path, e);
  }
  try {
    if (path.endsWith(".gz")) bytes = gunzipSync(bytes);
    else if (path.endsWith(".deflate")) bytes = inflateSync(bytes);
  } catch (e) {
    throw readError(path, e);
  }
  return decode(bytes, encoding);
}

/**
 * The text of the lines `split` owns. `sep` is the line separator's bytes (`\n` for the
 * default, which also ends `\r\n` lines).
 */
export async function readSplitText(
  split: FileSplit,
  encoding: string,
  sep: Uint8Array = NEWLINE,
): Promise<string> {
  if (isCompressed(split.path) || (split.start === 0 && split.length >= split.fileSize)) {
    return readWholeText(split.path, encoding);
  }
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(split.path, "r");
  } catch (e) {
    throw readError(split.path, e);
  }
  try {
    const end = split.start + split.length;
    const head = Buffer.alloc(split.length);
    const { bytesRead } = await fh.read(head, 0, split.length, split.start);
    // Read on past the end until the line that straddles it (or starts at it) is complete.
    let tail = Buffer.alloc(0);
    let pos = end;
    for (;;) {
      const hit = tail.indexOf(sep);
      if (hit >= 0) {
        tail = tail.subarray(0, hit + sep.length);
        break;
      }
      const chunk = Buffer.alloc(CHUNK);
      const r = await fh.read(chunk, 0, CHUNK, pos);
      if (r.bytesRead === 0) break;
      tail = Buffer.concat([tail, chunk.subarray(0, r.bytesRead)]);
      pos += r.bytesRead;
    }
    const parts = [head.subarray(0, bytesRead), tail];
    let all = Buffer.concat(parts);
    if (split.start > 0) {
      const first = all.indexOf(sep);
      all = first < 0 ? Buffer.alloc(0) : all.subarray(first + sep.length);
    }
    return decode(all, encoding);
  } catch (e) {
    throw readError(split.path, e);
  } finally {
    await fh.close();
  }
}

const NEWLINE = new Uint8Array([10]);
