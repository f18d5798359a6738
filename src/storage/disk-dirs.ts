import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The per-application local directory (Spark's DiskBlockManager) under `spark.local.dir`:
 *
 *     <spark.local.dir>/flint-<appId>/
 *       shuffle/   shuffle_<shuffleId>_<mapId>_0.data / .index
 *       blocks/    blocks stored on disk by the block manager
 *       spill/     task-scoped spill files, deleted when their task ends
 *
 * Every thread of the executor derives the same paths from the root; the directory is
 * removed when the session stops.
 */
export class DiskDirs {
  readonly root: string;
  readonly shuffleDir: string;
  readonly blocksDir: string;
  readonly spillDir: string;

  constructor(root: string) {
    this.root = root;
    this.shuffleDir = path.join(root, "shuffle");
    this.blocksDir = path.join(root, "blocks");
    this.spillDir = path.join(root, "spill");
  }

  /** Creates a fresh application directory under `localDir`. */
  static create(localDir: string, appId: string): DiskDirs {
    const root = path.join(localDir, `flint-${appId}-${randomUUID().slice(0, 8)}`);
    const dirs = new DiskDirs(root);
    for (const d of [dirs.shuffleDir, dirs.blocksDir, dirs.spillDir]) {
      fs.mkdirSync(d, { recursive: true });
    }
    return dirs;
  }

  /** A new unique path for a temporary file (not created). */
  tempFile(dir: string, prefix: string): string {
    return path.join(dir, `${prefix}_${randomUUID()}`);
  }

  /** Deletes the whole application directory. */
  removeAll(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Writes `data` to `file` through a temporary name and a rename, so readers never see half. */
export function writeFileAtomic(file: string, data: Uint8Array | readonly Uint8Array[]): void {
  const tmp = `${file}.${randomUUID().slice(0, 8)}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    const parts = data instanceof Uint8Array ? [data] : data;
    for (const part of parts) writeAll(fd, part);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.byteLength) {
    off += fs.writeSync(fd, bytes, off, bytes.byteLength - off);
  }
}

/** Reads `length` bytes at `position`; throws when the file is shorter. */
export function readRange(file: string, position: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const fd = fs.openSync(file, "r");
  try {
    let off = 0;
    while (off < length) {
      const n = fs.readSync(fd, out, off, length - off, position + off);
      if (n === 0) throw new Error(`unexpected end of ${file} at ${position + off}`);
      off += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return out;
}
