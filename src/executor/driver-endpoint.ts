import type { DriverToExecutor, ExecutorToDriver } from "../rpc/messages.ts";
import { dispatch } from "../rpc/messages.ts";
import type { Transport } from "../rpc/transport.ts";
import type { SchedulerBackend } from "../scheduler/backend.ts";
import type { DAGScheduler } from "../scheduler/dag-scheduler.ts";
import type { ListenerBus } from "../scheduler/events.ts";
import { emptyTaskMetrics } from "../scheduler/task.ts";
import type { TaskScheduler } from "../scheduler/task-scheduler.ts";
import type { BlockManagerMaster } from "../storage/block-manager-master.ts";

interface ExecutorRef {
  readonly executorId: string;
  readonly transport: Transport<ExecutorToDriver, DriverToExecutor>;
  readonly cores: number;
  freeSlots: number;
  readonly runningTasks: Set<number>;
}

/**
 * The driver's end of every executor connection (Spark's CoarseGrainedSchedulerBackend):
 * turns free slots into offers, launches what the task scheduler assigns, routes status
 * updates, block updates and broadcast fetches, and reports lost executors. Transport
 * agnostic: local executors connect over MessagePorts, remote ones over sockets.
 */
export class DriverEndpoint implements SchedulerBackend {
  readonly #executors = new Map<string, ExecutorRef>();
  readonly #taskScheduler: TaskScheduler;
  readonly #dagScheduler: DAGScheduler;
  readonly #blockMaster: BlockManagerMaster;
  readonly #bus: ListenerBus;
  readonly #broadcasts: (id: number) => Uint8Array | undefined;
  #reviveScheduled = false;
  #stopped = false;

  constructor(options: {
    readonly taskScheduler: TaskScheduler;
    readonly dagScheduler: DAGScheduler;
    readonly blockManagerMaster: BlockManagerMaster;
    readonly listenerBus: ListenerBus;
    readonly broadcasts: (id: number) => Uint8Array | undefined;
  }) {
    this.#taskScheduler = options.taskScheduler;
    this.#dagScheduler = options.dagScheduler;
    this.#blockMaster = options.blockManagerMaster;
    this.#bus = options.listenerBus;
    this.#broadcasts = options.broadcasts;
  }

  /** Accepts a new executor connection; it becomes usable once it registers. */
  connect(transport: Transport<ExecutorToDriver, DriverToExecutor>): void {
    let executorId: string | undefined;
    transport.onMessage((m) => {
      if (m.kind === "registerExecutor") executorId = m.executorId;
      this.#onMessage(transport, m);
    });
    transport.onClose(() => {
      if (executorId !== undefined) this.executorLost(executorId, "connection closed");
    });
  }

  // ---- SchedulerBackend ----

  reviveOffers(): void {
    // Coalesce the many revive calls of one turn (status updates, new task sets) into one.
    if (this.#reviveScheduled || this.#stopped) return;
    this.#reviveScheduled = true;
    queueMicrotask(() => {
      this.#reviveScheduled = false;
      this.#makeOffers();
    });
  }

  killTask(taskId: number, executorId: string, reason: string): void {
    this.#executors.get(executorId)?.transport.send({ kind: "killTask", taskId, reason });
  }

  defaultParallelism(): number {
    let n = 0;
    for (const e of this.#executors.values()) n += e.cores;
    return Math.max(n, 1);
  }

  /** Sends a message to every executor (remove a shuffle's files, unpersist blocks). */
  broadcastToExecutors(message: DriverToExecutor): void {
    for (const e of this.#executors.values()) e.transport.send(message);
  }

  executorIds(): string[] {
    return [...this.#executors.keys()];
  }

  /** An executor is gone: fail its running tasks, forget its outputs and blocks. */
  executorLost(executorId: string, reason: string): void {
    const ref = this.#executors.get(executorId);
    if (!ref) return;
    this.#executors.delete(executorId);
    this.#blockMaster.removeExecutor(executorId);
    this.#dagScheduler.executorLost(executorId);
    for (const taskId of this.#taskScheduler.runningTasksOn(executorId)) {
      this.#taskScheduler.statusUpdate(taskId, {
        state: "failed",
        reason: { kind: "executorLost", executorId, causedByApp: false, message: reason },
        metrics: emptyTaskMetrics(),
      });
    }
    this.#bus.post({ kind: "executorRemoved", executorId, time: Date.now(), reason });
  }

  stop(): void {
    this.#stopped = true;
  }

  #makeOffers(): void {
    if (this.#stopped) return;
    const offers = [...this.#executors.values()]
      .filter((e) => e.freeSlots > 0)
      .map((e) => ({ executorId: e.executorId, freeSlots: e.freeSlots }));
    if (offers.length === 0) return;
    for (const { executorId, task } of this.#taskScheduler.resourceOffers(offers)) {
      const ref = this.#executors.get(executorId);
      if (!ref) continue;
      ref.freeSlots--;
      ref.runningTasks.add(task.taskId);
      ref.transport.send({ kind: "launchTask", task });
    }
  }

  #onMessage(transport: Transport<ExecutorToDriver, DriverToExecutor>, message: ExecutorToDriver) {
    dispatch<ExecutorToDriver>(
      {
        registerExecutor: (m) => {
          this.#executors.set(m.executorId, {
            executorId: m.executorId,
            transport,
            cores: m.cores,
            freeSlots: m.cores,
            runningTasks: new Set(),
          });
          this.#bus.post({
            kind: "executorAdded",
            executorId: m.executorId,
            time: Date.now(),
            totalCores: m.cores,
          });
          this.reviveOffers();
        },
        statusUpdate: (m) => {
          const ref = this.#executors.get(m.executorId);
          if (ref?.runningTasks.delete(m.taskId)) ref.freeSlots++;
          this.#taskScheduler.statusUpdate(m.taskId, m.outcome);
          this.reviveOffers();
        },
        blockUpdate: (m) => this.#blockMaster.updateBlockInfo(m.executorId, m.status),
        fetchBroadcast: (m) => {
          const value = this.#broadcasts(m.broadcastId);
          transport.send({
            kind: "broadcastValue",
            requestId: m.requestId,
            broadcastId: m.broadcastId,
            value,
          });
        },
        executorStopped: (m) => this.executorLost(m.executorId, "executor stopped"),
      },
      message,
    );
  }
}
