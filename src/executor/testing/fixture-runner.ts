/**
 * A task runner module for the runtime's own tests. Payloads are JSON `TestPayload`s:
 * map tasks emit numbers into a shuffle, result tasks sum what they read, and knobs make
 * tasks fail, exit their worker thread, sleep, use memory, broadcasts and cached blocks.
 */

import { MemoryConsumer } from "../../memory/task-memory-manager.ts";
import type { TaskDescription } from "../../scheduler/task.ts";
import type { TaskContext } from "../task-context.ts";

export interface TestPayload {
  /** Numbers [from, to) are split over `numMaps` partitions by `i % numMaps`. */
  readonly from?: number;
  readonly to?: number;
  readonly numMaps?: number;
  /** Map tasks: write each number as its own segment (to exercise buffering and spill). */
  readonly segmentPerNumber?: boolean;
  /** Pad each segment with this many bytes (to use memory). */
  readonly padding?: number;
  /** Throw while the attempt number is below `untilAttempt` (or always). */
  readonly fail?: {
    readonly partitions?: readonly number[];
    readonly untilAttempt?: number;
    readonly always?: boolean;
    readonly message?: string;
  };
  /** Exit the worker thread on this partition and attempt. */
  readonly exit?: { readonly partition: number; readonly attempt: number };
  /** Throw an uncaught error (outside the task's promise) on this partition and attempt. */
  readonly crash?: { readonly partition: number; readonly attempt: number };
  /** Sleep (honouring kills) on these partitions, on the given attempt only if set. */
  readonly sleep?: {
    readonly partitions: readonly number[];
    readonly ms: number;
    readonly attempt?: number;
  };
  /** Add this broadcast's number (JSON) to the result. */
  readonly broadcastId?: number;
  /** Cache the result under `<cacheBlock>_<partition>` (MEMORY_ONLY), or read it back. */
  readonly cacheBlock?: string;
  readonly readCache?: boolean;
  /** Acquire this much execution memory (result reports what was granted). */
  readonly acquire?: number;
  /** Cache `cacheBytes` bytes per partition under `<cacheBlock>_<partition>` (MEMORY_AND_DISK). */
  readonly cacheBytes?: number;
}

export interface TestResult {
  readonly partition: number;
  readonly sum: number;
  readonly count: number;
  readonly attempt: number;
  readonly fromCache?: boolean;
  readonly granted?: number;
}

class Holder extends MemoryConsumer {
  spill(): number {
    return 0;
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Deterministic incompressible padding (a seeded LCG). */
function noise(length: number, seed: number): string {
  let s = seed >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out += String.fromCharCode(97 + (s >>> 27));
  }
  return out;
}

function numbersOf(p: TestPayload, partition: number): number[] {
  const out: number[] = [];
  const numMaps = p.numMaps ?? 1;
  for (let i = p.from ?? 0; i < (p.to ?? 0); i++) if (i % numMaps === partition) out.push(i);
  return out;
}

export async function runTask(
  task: TaskDescription,
  ctx: TaskContext,
): Promise<Uint8Array | undefined> {
  const p = JSON.parse(
    typeof task.payload === "string" ? task.payload : dec.decode(task.payload),
  ) as TestPayload;
  const part = task.partition;
  if (p.exit && p.exit.partition === part && p.exit.attempt === task.attempt) process.exit(3);
  if (p.crash && p.crash.partition === part && p.crash.attempt === task.attempt) {
    setTimeout(() => {
      throw new Error("uncaught in a timer");
    }, 0);
    await sleep(10_000, ctx.signal);
  }
  if (
    p.sleep?.partitions.includes(part) &&
    (p.sleep.attempt === undefined || p.sleep.attempt === task.attempt)
  ) {
    await sleep(p.sleep.ms, ctx.signal);
  }
  const f = p.fail;
  if (f && (f.partitions === undefined || f.partitions.includes(part))) {
    if (f.always || task.attempt < (f.untilAttempt ?? 0)) {
      throw new Error(f.message ?? `boom in partition ${part} attempt ${task.attempt}`);
    }
  }

  if (task.kind === "shuffleMap") {
    const out = task.shuffleOutput;
    if (!out) throw new Error("map task without shuffle output");
    const writer = ctx.shuffleWriter();
    const pad = noise(p.padding ?? 0, 42 + part);
    const byReducer = new Map<number, number[]>();
    for (const n of numbersOf(p, part)) {
      const r = n % out.numReducePartitions;
      if (p.segmentPerNumber) writer.write(r, enc.encode(JSON.stringify([n]) + pad), 1);
      else byReducer.set(r, [...(byReducer.get(r) ?? []), n]);
    }
    for (const [r, nums] of byReducer)
      writer.write(r, enc.encode(JSON.stringify(nums) + pad), nums.length);
    return undefined;
  }

  if (p.acquire !== undefined) {
    const granted = new Holder(ctx.memory, "holder").acquireMemory(p.acquire);
    return enc.encode(
      JSON.stringify({ partition: part, sum: 0, count: 0, attempt: task.attempt, granted }),
    );
  }
  if (p.cacheBytes !== undefined && p.cacheBlock) {
    const stored = await ctx.blocks.put(
      `${p.cacheBlock}_${part}`,
      new Uint8Array(p.cacheBytes),
      "MEMORY_AND_DISK",
    );
    return enc.encode(
      JSON.stringify({ partition: part, sum: 0, count: stored ? 1 : 0, attempt: task.attempt }),
    );
  }
  if (p.readCache && p.cacheBlock) {
    const cached = await ctx.blocks.get(`${p.cacheBlock}_${part}`);
    if (cached) {
      const r = JSON.parse(dec.decode(cached)) as TestResult;
      return enc.encode(JSON.stringify({ ...r, fromCache: true }));
    }
  }

  let sum = 0;
  let count = 0;
  for (const input of task.shuffleInputs) {
    for await (const segment of ctx.readShuffle(input.shuffleId)) {
      const text = dec.decode(segment);
      const nums = JSON.parse(text.slice(0, text.indexOf("]") + 1)) as number[];
      for (const n of nums) {
        sum += n;
        count++;
      }
      ctx.metrics.shuffleRead.recordsRead += nums.length;
    }
  }
  if (task.shuffleInputs.length === 0) {
    for (const n of numbersOf(p, part)) {
      sum += n;
      count++;
    }
  }
  if (p.broadcastId !== undefined) {
    sum += JSON.parse(dec.decode(await ctx.getBroadcast(p.broadcastId))) as number;
  }
  ctx.operatorMetrics("sum").numOutputRows = 1;
  const result: TestResult = { partition: part, sum, count, attempt: task.attempt };
  const bytes = enc.encode(JSON.stringify(result));
  if (p.cacheBlock) await ctx.blocks.put(`${p.cacheBlock}_${part}`, bytes.slice(), "MEMORY_ONLY");
  return bytes;
}
