// Test helper: a task on another thread asking the shared pool for execution memory.
import { parentPort, workerData } from "node:worker_threads";
import { UnifiedMemoryManager } from "../memory-manager.ts";
import { SharedPool } from "../shared-pool.ts";

const data = workerData as { buffer: SharedArrayBuffer; slot: number; bytes: number };
const mm = new UnifiedMemoryManager({ pool: new SharedPool(data.buffer), waitSliceMs: 5 });
parentPort?.postMessage("waiting");
parentPort?.postMessage(mm.acquireExecutionMemory(data.bytes, data.slot));
