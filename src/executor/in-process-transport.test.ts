/** The in-process transport pair: asynchronous in-order delivery, and close seen by both sides. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { DriverToExecutor, ExecutorToDriver } from "../rpc/messages.ts";
import { inProcessTransports } from "./in-process-transport.ts";

test("messages arrive after send returns, in order; close reaches both sides once", async () => {
  const [driver, executor] = inProcessTransports<ExecutorToDriver, DriverToExecutor>();
  const got: string[] = [];
  executor.onMessage((m) => got.push(m.kind === "removeBlocks" ? m.prefix : m.kind));
  driver.send({ kind: "removeBlocks", prefix: "a" });
  driver.send({ kind: "removeBlocks", prefix: "b" });
  assert.deepEqual(got, []);
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(got, ["a", "b"]);
  const closed: string[] = [];
  driver.onClose(() => closed.push("driver"));
  executor.onClose(() => closed.push("executor"));
  driver.close();
  driver.close();
  driver.send({ kind: "removeBlocks", prefix: "c" });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(closed.sort(), ["driver", "executor"]);
  assert.deepEqual(got, ["a", "b"]);
});
