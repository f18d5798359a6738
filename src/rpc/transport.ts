import type { MessagePort as NodeMessagePort } from "node:worker_threads";
import type { Message } from "./messages.ts";

/**
 * A two-way channel of typed messages. Local mode uses MessagePorts (structured clone,
 * byte buffers may be transferred); a cluster transport (sockets, later gRPC) implements the
 * same interface with `codec.ts`.
 */
export interface Transport<In extends Message, Out extends Message> {
  send(message: Out, transfer?: readonly ArrayBuffer[]): void;
  onMessage(handler: (message: In) => void): void;
  /** Called once when the other side goes away. */
  onClose(handler: () => void): void;
  close(): void;
}

/** A transport over a MessagePort (or a worker's parentPort). */
export class PortTransport<In extends Message, Out extends Message> implements Transport<In, Out> {
  readonly #port: NodeMessagePort;

  constructor(port: NodeMessagePort) {
    this.#port = port;
  }

  send(message: Out, transfer: readonly ArrayBuffer[] = []): void {
    this.#port.postMessage(message, [...transfer]);
  }

  onMessage(handler: (message: In) => void): void {
    this.#port.on("message", (m: In) => handler(m));
  }

  onClose(handler: () => void): void {
    this.#port.once("close", handler);
  }

  close(): void {
    this.#port.close();
  }

  /** Lets the process exit while the port is open. */
  unref(): void {
    this.#port.unref();
  }
}

/** The buffers a message may transfer instead of copying (task results, block bytes). */
export function transferablesOf(...values: (Uint8Array | undefined)[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of values) {
    // Only whole, unshared buffers can move; views into larger or shared buffers are copied.
    if (
      v &&
      v.buffer instanceof ArrayBuffer &&
      v.byteOffset === 0 &&
      v.byteLength === v.buffer.byteLength
    ) {
      if (!out.includes(v.buffer)) out.push(v.buffer);
    }
  }
  return out;
}
