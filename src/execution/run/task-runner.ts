/**
 * The task runner module every worker thread loads (`taskRunnerModule` of the runtime):
 * decodes the stage payload (cached per worker, so generated code is compiled once per
 * stage per worker), fetches the task's shuffle partitions and broadcasts, runs the
 * fragment, and either writes partitioned Arrow IPC segments to the shuffle (map tasks)
 * or returns the result batches as one Arrow IPC stream (result tasks).
 */
import type { AttributeReference } from "../../catalyst/expressions/expression.ts";
import type { TaskContext } from "../../executor/task-context.ts";
import type { TaskDescription } from "../../scheduler/task.ts";
import { taggedBlock } from "../../storage/shared-block-table.ts";
import type { StorageLevel } from "../../storage/storage-level.ts";
import { setCodegenFactoryMode } from "../codegen/expr-codegen.ts";
import { decodeIpcStream } from "../columnar/arrow-ipc.ts";
import { type ColumnarBatch, concatBatches, sliceBatch, takeBatch } from "../columnar/batch.ts";
import { decodeTransport, encodeTransport, schemaOf } from "../operators/common.ts";
import type { ExecContext } from "../operators/operator.ts";
import { partitionIds } from "../operators/partitioner.ts";
import { cacheBlockId } from "../plan/cache-block.ts";
import { numPartitionsOf } from "../plan/partitioning.ts";
import type { FileSourceScanExec, ShuffleExchangeExec } from "../plan/physical-plan.ts";
import { foreachPhysical, outputOfPhysical } from "../plan/tree.ts";
import { executePartition, inputsOf, type TaskInput } from "./execute-partition.ts";
import type { StagePayload } from "./payload.ts";
import { readFilePartition } from "./read-files.ts";
import { fromJson } from "./serde.ts";

const payloads = new Map<string, StagePayload>();
const MAX_CACHED = 64;

function payloadOf(task: TaskDescription): StagePayload {
  const text =
    typeof task.payload === "string" ? task.payload : new TextDecoder().decode(task.payload);
  let p = payloads.get(text);
  if (p === undefined) {
    p = fromJson<StagePayload>(text);
    if (payloads.size >= MAX_CACHED) payloads.delete(payloads.keys().next().value as string);
    payloads.set(text, p);
  }
  return p;
}

function decodeSegments(segments: readonly Uint8Array[]): ColumnarBatch[] {
  const out: ColumnarBatch[] = [];
  for (const s of segments) for (const b of decodeIpcStream(s).batches) out.push(b);
  return out;
}

/**
 * Decoded broadcasts of this worker by runtime broadcast id (ids are never reused): every
 * task of the worker gets the same batches, so operators can keep per-broadcast state
 * (a broadcast hash join's table) across tasks.
 */
const broadcastCache = new Map<number, ColumnarBatch[]>();
const MAX_BROADCASTS = 4;

async function decodedBroadcast(id: number, ctx: TaskContext): Promise<ColumnarBatch[]> {
  let batches = broadcastCache.get(id);
  if (batches === undefined) {
    batches = decodeSegments([await ctx.getBroadcast(id)]);
    if (broadcastCache.size >= MAX_BROADCASTS)
      broadcastCache.delete(broadcastCache.keys().next().value as number);
    broadcastCache.set(id, batches);
  }
  return batches;
}

export async function runTask(
  task: TaskDescription,
  ctx: TaskContext,
): Promise<Uint8Array | undefined> {
  const payload = payloadOf(task);
  setCodegenFactoryMode(payload.conf.codegenFactoryMode ?? "FALLBACK");
  if (payload.conf.testFault !== undefined) injectFault(payload.conf.testFault, task, payload.mode);
  const root = payload.plan;
  const shuffles = new Map<string, ColumnarBatch[]>();
  const broadcasts = new Map<number, ColumnarBatch[]>();
  const cached = new Map<string, ColumnarBatch[]>();
  const files = new Map<string, ColumnarBatch[]>();
  const scans = new Map<number, FileSourceScanExec>();
  foreachPhysical(root, (p) => {
    if (p.kind === "FileSourceScan") scans.set(p.id, p);
  });
  const cacheInputs = new Map<string, Extract<TaskInput, { kind: "cache" }>>();
  const toStore: {
    input: Extract<TaskInput, { kind: "cache" }>;
    batches: readonly ColumnarBatch[];
  }[] = [];
  for (const input of inputsOf(root, task.partition, payload.mode === "map")) {
    if (input.kind === "shuffle") {
      const shuffleId = payload.shuffleIds[String(input.nodeId)];
      if (shuffleId === undefined) throw new Error(`no shuffle for node ${input.nodeId}`);
      const range = payload.coalesced[String(input.nodeId)]?.[input.partition];
      const segments = await ctx.readShuffleAll(shuffleId, {
        startPartition: range ? range[0] : input.partition,
        endPartition: range ? range[1] : input.partition + 1,
      });
      shuffles.set(`${input.nodeId}:${input.partition}`, decodeSegments(segments));
    } else if (input.kind === "file") {
      const scan = scans.get(input.nodeId);
      if (scan !== undefined)
        files.set(
          `${input.nodeId}:${input.partition}`,
          await readFilePartition(scan, input.partition),
        );
    } else if (input.kind === "cache") {
      const key = `${input.nodeId}:${input.partition}`;
      cacheInputs.set(key, input);
      const bytes = await ctx.blocks.get(cacheBlockId(input.cacheId, input.partition));
      if (bytes !== undefined) cached.set(key, decodedBlock(input.output, bytes));
    } else if (!broadcasts.has(input.nodeId)) {
      const id = payload.broadcasts[String(input.nodeId)];
      if (id === undefined) throw new Error(`no broadcast for node ${input.nodeId}`);
      broadcasts.set(input.nodeId, await decodedBroadcast(id, ctx));
    }
  }
  const exec: ExecContext = {
    conf: payload.conf,
    shuffleInput: (id, partition) => shuffles.get(`${id}:${partition}`) ?? [],
    broadcastInput: (id) => broadcasts.get(id) ?? [],
    addMetric: (nodeId, name, value) => {
      const m = ctx.operatorMetrics(String(nodeId));
      m[name] = (m[name] ?? 0) + value;
    },
    memory: ctx.memory,
    createSpillFile: () => ctx.createSpillFile(),
    cachedInput: (id, partition) => cached.get(`${id}:${partition}`),
    fileInput: (id, partition) => files.get(`${id}:${partition}`) ?? [],
    cacheOutput: (id, partition, batches) => {
      const input = cacheInputs.get(`${id}:${partition}`);
      if (input !== undefined) toStore.push({ input, batches });
    },
  };
  const storeCached = async (): Promise<void> => {
    for (const { input, batches } of toStore) {
      const level = storageLevelOf(levels.get(input.nodeId) ?? "MEMORY_AND_DISK");
      await ctx.blocks.put(
        cacheBlockId(input.cacheId, input.partition),
        taggedBlock(encodeTransport(input.output, coalesceBatches(input.output, batches))),
        level,
      );
    }
  };
  const levels = new Map<number, string>();
  foreachPhysical(root, (p) => {
    if (p.kind === "InMemoryTableScan") levels.set(p.id, p.storageLevel);
  });
  if (payload.mode === "map") {
    writeMapOutput(root as ShuffleExchangeExec, task.partition, exec, payload, ctx);
    await storeCached();
    return undefined;
  }
  const batches: ColumnarBatch[] = [];
  for (const b of executePartition(root, task.partition, exec)) {
    ctx.throwIfInterrupted();
    if (b.numRows > 0) batches.push(b);
  }
  await storeCached();
  return encodeTransport(outputOfPhysical(root), batches);
}

function writeMapOutput(
  exchange: ShuffleExchangeExec,
  partition: number,
  exec: ExecContext,
  payload: StagePayload,
  ctx: TaskContext,
): void {
  const n = numPartitionsOf(exchange.partitioning);
  const input = outputOfPhysical(exchange.child);
  const perPartition: ColumnarBatch[][] = Array.from({ length: n }, () => []);
  const bounds = payload.rangeBounds[String(exchange.id)];
  let rows = 0;
  for (const b of executePartition(exchange.child, partition, exec)) {
    ctx.throwIfInterrupted();
    if (b.numRows === 0) continue;
    rows += b.numRows;
    const ids = partitionIds(exchange.partitioning, input, b, partition, payload.conf, bounds);
    const counts = new Int32Array(n);
    const m = ids.length;
    for (let i = 0; i < m; i++) counts[ids[i]!]! += 1;
    const starts = new Int32Array(n);
    for (let r = 1; r < n; r++) starts[r] = starts[r - 1]! + counts[r - 1]!;
    if (n === 1) {
      perPartition[0]!.push(b);
      continue;
    }
    const order = new Int32Array(m);
    const fill = starts.slice();
    for (let i = 0; i < m; i++) order[fill[ids[i]!]!++] = i;
    // One gather of the whole batch in partition order, then zero-copy slices per
    // partition (a gather per partition costs an allocation per column per partition).
    const grouped = takeBatch(b, order);
    for (let r = 0; r < n; r++) {
      if (counts[r] === 0) continue;
      perPartition[r]!.push(sliceBatch(grouped, starts[r]!, starts[r]! + counts[r]!));
    }
  }
  exec.addMetric(exchange.id, "shuffleRecordsWritten", rows);
  const writer = ctx.shuffleWriter();
  for (let r = 0; r < n; r++) {
    const parts = perPartition[r]!;
    if (parts.length === 0) continue;
    let count = 0;
    for (const p of parts) count += p.numRows;
    // One record batch per reduce partition: many tiny batches cost more to encode, to
    // decode and to concatenate on the reduce side than one gather here.
    const bytes = encodeTransport(
      input,
      parts.length === 1 ? parts : [concatBatches(schemaOf(input), parts)],
    );
    exec.addMetric(exchange.id, "shuffleBytesWritten", bytes.byteLength);
    writer.write(r, bytes, count);
  }
}

/**
 * Test-only fault injection, `spark.flint.test.fault` = `;`-separated settings:
 * `kind=throw|exit` (throw an error, or end the worker thread as a crash would),
 * `stage=result|map` (default result), `partition=N` (default 0), `attempts=N` (attempts
 * below N fault; default: every attempt), `message=...` (the error's message).
 */
function injectFault(spec: string, task: TaskDescription, mode: "map" | "result"): void {
  const f = new Map(
    spec.split(";").map((kv) => {
      const i = kv.indexOf("=");
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()] as const;
    }),
  );
  if ((f.get("stage") ?? "result") !== mode) return;
  if (task.partition !== Number(f.get("partition") ?? 0)) return;
  const attempts = f.get("attempts");
  if (attempts !== undefined && task.attempt >= Number(attempts)) return;
  if (f.get("kind") === "exit") process.exit(1);
  throw new Error(f.get("message") ?? "injected fault");
}

/** Rows per batch of a cached block: few batches make decoding a block nearly free. */
const CACHE_BATCH_ROWS = 1 << 17;

/** Merges consecutive small batches into batches of up to CACHE_BATCH_ROWS rows (order kept). */
function coalesceBatches(
  attrs: readonly AttributeReference[],
  batches: readonly ColumnarBatch[],
): ColumnarBatch[] {
  const out: ColumnarBatch[] = [];
  let run: ColumnarBatch[] = [];
  let rows = 0;
  const flush = (): void => {
    if (run.length > 0) out.push(concatBatches(schemaOf(attrs), run));
    run = [];
    rows = 0;
  };
  for (const b of batches) {
    if (b.numRows === 0) continue;
    if (rows > 0 && rows + b.numRows > CACHE_BATCH_ROWS) flush();
    run.push(b);
    rows += b.numRows;
  }
  flush();
  return out;
}

/**
 * Decoded cached blocks by their bytes: the worker keeps a block it read while the block
 * manager holds it (the same bytes object comes back), so it is decoded once per thread.
 * The batches are views over the block's shared memory; the scan re-wraps them with its
 * own schema.
 */
const decodedBlocks = new WeakMap<Uint8Array, ColumnarBatch[]>();

function decodedBlock(attrs: readonly AttributeReference[], bytes: Uint8Array): ColumnarBatch[] {
  let batches = decodedBlocks.get(bytes);
  if (batches === undefined) {
    batches = decodeTransport(attrs, bytes);
    decodedBlocks.set(bytes, batches);
  }
  return batches;
}

/** The runtime's storage level for a Spark level name (`MEMORY_AND_DISK`, `DISK_ONLY`, ...). */
function storageLevelOf(level: string): StorageLevel {
  const l = level.toUpperCase();
  if (l.includes("MEMORY") && l.includes("DISK")) return "MEMORY_AND_DISK";
  if (l.includes("DISK")) return "DISK_ONLY";
  return "MEMORY_ONLY";
}
