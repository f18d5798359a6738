import type { ExceptionInfo } from "./task.ts";

/**
 * A job that did not complete. Shaped like Flint's errors (error class, SQLSTATE, message
 * parameters) with Spark's message text:
 *
 *     Job aborted due to stage failure: Task 0 in stage 1.0 failed 4 times, most recent
 *     failure: Lost task 0.3 in stage 1.0 (TID 3) (localhost executor driver): Error: boom
 *
 * `cause` is the task's own exception rebuilt on the driver (same name, message and error
 * class), so the session can surface e.g. a DIVIDE_BY_ZERO raised inside a task as itself.
 */
export class JobFailedError extends Error {
  override readonly name = "SparkException";
  readonly errorClass: "SPARK_JOB_ABORTED" | "SPARK_JOB_CANCELLED";
  readonly sqlState: string;
  readonly messageParameters: Readonly<Record<string, string>>;
  readonly jobId: number;
  /** Set when a stage failure aborted the job. */
  readonly stageId: number | undefined;
  readonly stageAttempt: number | undefined;
  /** The failing task, when one task's failures aborted the stage. */
  readonly failedTask: FailedTaskInfo | undefined;

  constructor(options: {
    readonly jobId: number;
    readonly message: string;
    readonly cancelled?: boolean;
    readonly stageId?: number;
    readonly stageAttempt?: number;
    readonly failedTask?: FailedTaskInfo;
    readonly cause?: unknown;
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.errorClass = options.cancelled ? "SPARK_JOB_CANCELLED" : "SPARK_JOB_ABORTED";
    this.sqlState = options.cancelled ? "HY008" : "XX000";
    this.jobId = options.jobId;
    this.stageId = options.stageId;
    this.stageAttempt = options.stageAttempt;
    this.failedTask = options.failedTask;
    this.messageParameters = { jobId: String(options.jobId), reason: options.message };
  }
}

export interface FailedTaskInfo {
  readonly taskId: number;
  readonly partition: number;
  readonly attempt: number;
  readonly failures: number;
  readonly exception?: ExceptionInfo;
}

/** An Error rebuilt from a task's exception info. */
export class TaskExceptionError extends Error {
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;
  readonly messageParameters: Readonly<Record<string, string>> | undefined;
  readonly className: string;

  constructor(info: ExceptionInfo) {
    super(info.message);
    this.name = info.className;
    this.className = info.className;
    this.errorClass = info.errorClass;
    this.sqlState = info.sqlState;
    this.messageParameters = info.messageParameters;
    if (info.stack !== undefined) this.stack = info.stack;
  }
}

/** Captures an error thrown by task code as plain data. */
export function exceptionInfo(e: unknown): ExceptionInfo {
  if (e instanceof Error) {
    const rec = e as Error & {
      errorClass?: unknown;
      sqlState?: unknown;
      messageParameters?: unknown;
    };
    const info: {
      className: string;
      message: string;
      stack?: string;
      errorClass?: string;
      sqlState?: string;
      messageParameters?: Readonly<Record<string, string>>;
    } = { className: e.name, message: e.message };
    if (e.stack !== undefined) info.stack = e.stack;
    if (typeof rec.errorClass === "string") info.errorClass = rec.errorClass;
    if (typeof rec.sqlState === "string") info.sqlState = rec.sqlState;
    if (isStringRecord(rec.messageParameters)) info.messageParameters = rec.messageParameters;
    return info;
  }
  return { className: "Error", message: String(e) };
}

function isStringRecord(v: unknown): v is Readonly<Record<string, string>> {
  return (
    typeof v === "object" && v !== null && Object.values(v).every((x) => typeof x === "string")
  );
}
