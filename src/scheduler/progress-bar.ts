import type { ListenerBus } from "./events.ts";

interface StageProgress {
  readonly stageId: number;
  readonly attempt: number;
  readonly numTasks: number;
  readonly submitted: number;
  completed: number;
  active: number;
}

/** Minimal writable (process.stderr), so tests can capture output. */
export interface ProgressOutput {
  write(text: string): boolean;
  readonly columns?: number;
}

/**
 * Spark's console progress bar: `[Stage 2:=====>        (12 + 2) / 20]`, one bar per running
 * stage (at most three), for stages running longer than 500 ms, redrawn at most every
 * 200 ms on one line and cleared when the job ends. The runtime creates it only when
 * `spark.ui.showConsoleProgress` is on and stderr is a TTY.
 */
export class ConsoleProgressBar {
  readonly #out: ProgressOutput;
  readonly #stages = new Map<string, StageProgress>();
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #unsubscribe: () => void;
  readonly #now: () => number;
  readonly #firstDelayMs: number;
  #lastLine = "";
  #lastWidth = 0;

  constructor(
    out: ProgressOutput,
    bus: ListenerBus,
    options: { updatePeriodMs?: number; firstDelayMs?: number; now?: () => number } = {},
  ) {
    this.#out = out;
    this.#now = options.now ?? Date.now;
    this.#firstDelayMs = options.firstDelayMs ?? 500;
    const key = (stageId: number, attempt: number) => `${stageId}.${attempt}`;
    this.#unsubscribe = bus.addListener({
      stageSubmitted: (e) => {
        const s = e.stageInfo;
        this.#stages.set(key(s.stageId, s.attempt), {
          stageId: s.stageId,
          attempt: s.attempt,
          numTasks: s.numTasks,
          submitted: s.submissionTime ?? this.#now(),
          completed: 0,
          active: 0,
        });
      },
      stageCompleted: (e) => {
        this.#stages.delete(key(e.stageInfo.stageId, e.stageInfo.attempt));
      },
      taskStart: (e) => {
        const s = this.#stages.get(key(e.stageId, e.stageAttempt));
        if (s) s.active++;
      },
      taskEnd: (e) => {
        const s = this.#stages.get(key(e.stageId, e.stageAttempt));
        if (!s) return;
        s.active = Math.max(0, s.active - 1);
        if (e.reason === undefined) s.completed++;
      },
      jobEnd: () => {
        if (this.#stages.size === 0) this.clear();
      },
    });
    this.#timer = setInterval(() => this.refresh(), options.updatePeriodMs ?? 200);
    this.#timer.unref();
  }

  /** Redraws the bar if it changed. */
  refresh(): void {
    const now = this.#now();
    const shown = [...this.#stages.values()]
      .filter((s) => now - s.submitted > this.#firstDelayMs)
      .sort((a, b) => a.stageId - b.stageId)
      .slice(0, 3);
    if (shown.length === 0) {
      this.clear();
      return;
    }
    const width = Math.floor((this.#out.columns ?? 80) / shown.length);
    const line = shown.map((s) => renderStage(s, width)).join("");
    if (line === this.#lastLine) return;
    this.#out.write(`\r${line}`);
    this.#lastLine = line;
    this.#lastWidth = line.length;
  }

  /** Erases the bar. */
  clear(): void {
    if (this.#lastWidth === 0) return;
    this.#out.write(`\r${" ".repeat(this.#lastWidth)}\r`);
    this.#lastLine = "";
    this.#lastWidth = 0;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#unsubscribe();
    this.clear();
  }
}

export function renderStage(
  s: { stageId: number; numTasks: number; completed: number; active: number },
  width: number,
): string {
  const header = `[Stage ${s.stageId}:`;
  const tail = `(${s.completed} + ${s.active}) / ${s.numTasks}]`;
  const w = width - header.length - tail.length;
  let bar = "";
  if (w > 0) {
    const done = s.numTasks > 0 ? Math.floor((w * s.completed) / s.numTasks) : 0;
    for (let i = 0; i < w; i++) bar += i < done ? "=" : i === done ? ">" : " ";
  }
  return header + bar + tail;
}
