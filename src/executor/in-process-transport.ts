/**
 * Two connected transports in one thread: local mode's driver and executor both live on
 * the main thread, so their messages need no structured clone and no trip through a
 * MessagePort. A message is delivered in a microtask (never synchronously inside `send`,
 * as with a port) and in order; the receiver gets the sender's object, which neither side
 * mutates after sending. Transfer lists are moot: nothing is copied.
 */
import type { Message } from "../rpc/messages.ts";
import type { Transport } from "../rpc/transport.ts";

class Side<In extends Message, Out extends Message> implements Transport<In, Out> {
  peer: Side<Out, In> | undefined;
  readonly #handlers: ((message: In) => void)[] = [];
  readonly #closeHandlers: (() => void)[] = [];
  closed = false;

  send(message: Out): void {
    const peer = this.peer;
    if (this.closed || peer === undefined) return;
    queueMicrotask(() => peer.deliver(message));
  }

  deliver(message: In): void {
    if (this.closed) return;
    for (const h of this.#handlers) h(message);
  }

  onMessage(handler: (message: In) => void): void {
    this.#handlers.push(handler);
  }

  onClose(handler: () => void): void {
    this.#closeHandlers.push(handler);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const peer = this.peer;
    queueMicrotask(() => {
      for (const h of this.#closeHandlers.splice(0)) h();
      if (peer !== undefined && !peer.closed) {
        peer.closed = true;
        for (const h of peer.#closeHandlers.splice(0)) h();
      }
    });
  }
}

/** A connected pair: what one side sends, the other receives. */
export function inProcessTransports<A extends Message, B extends Message>(): [
  Transport<A, B>,
  Transport<B, A>,
] {
  const a = new Side<A, B>();
  const b = new Side<B, A>();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
