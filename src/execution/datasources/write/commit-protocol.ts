/**
 * The commit protocol of a file write (Spark's HadoopMapReduceCommitProtocol over
 * FileOutputCommitter, algorithm version 1), with an atomic swap for overwrites.
 *
 * Layout under a job's staging root (the output path itself for appends, a hidden sibling
 * `.<name>.flint-staging-<uuid>` for overwrites and new paths, `<path>/.spark-staging-<uuid>`
 * for dynamic partition overwrites):
 *
 *     <root>/_temporary/0/_temporary/attempt_<job>_m_<split>_<n>/   a task attempt writes here
 *     <root>/_temporary/0/task_<job>_m_<split>/                    task commit: one rename
 *
 * Job commit moves each committed task's files into place and writes `_SUCCESS`; job abort
 * deletes everything the job staged. Task attempts only ever write inside their own
 * directory and a task commit is one directory rename that replaces an earlier committed
 * attempt of the same split, so a retried or speculative attempt never leaves duplicates.
 *
 * Overwrite is atomic for readers (unlike Spark, which deletes the old data first): the new
 * data is complete in the staging directory before a journal
 * (`.<name>.flint-commit-<uuid>.json`, beside the output) records the swap; then the old
 * directory is renamed to a hidden trash name, the staging directory renamed into place,
 * the journal and trash deleted. A process killed at any point leaves the old data (no
 * journal yet), or a journal that `recoverInterruptedCommit` rolls forward. Every name a
 * reader could list mid-job starts with `.` or `_`, which readers skip.
 *
 * Everything here is synchronous file-system work: the task side runs inside a task on a
 * worker thread, the job side on the driver once all tasks are done.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { FlintError } from "../../../errors/index.ts";
import { isHiddenName } from "./paths.ts";

export const SUCCESS_FILE = "_SUCCESS";
const TEMPORARY = "_temporary";

/** How a job places its output (chosen on the driver from the save mode). */
export type CommitStrategy =
  /** Files are moved into the existing output directory at job commit. */
  | "append"
  /** The staging directory replaces the output directory (static overwrite, new paths). */
  | "swap"
  /** Each partition directory the job wrote replaces the one at the output. */
  | "dynamic";

/** What tasks need to know about the job (serialized into the plan). */
export interface WriteJobDescription {
  readonly jobUuid: string;
  /** `yyyyMMddHHmmss` of job start, Spark's job tracker id in attempt names. */
  readonly jobTrackerId: string;
  /** The directory whose `_temporary/0` holds the task attempts. */
  readonly stagingRoot: string;
}

/** The job-side state of a write. */
export interface WriteJob extends WriteJobDescription {
  readonly strategy: CommitStrategy;
  /** The output directory (absolute, no scheme). */
  readonly outputPath: string;
}

function jobAttemptDir(job: WriteJobDescription): string {
  return join(job.stagingRoot, TEMPORARY, "0");
}

function split6(split: number): string {
  return String(split).padStart(6, "0");
}

/** The directory task attempt `attempt` of split `split` writes its files into. */
export function taskAttemptDir(job: WriteJobDescription, split: number, attempt: string): string {
  return join(
    jobAttemptDir(job),
    TEMPORARY,
    `attempt_${job.jobTrackerId}_0000_m_${split6(split)}_${attempt}`,
  );
}

/** Where a committed task's files wait for the job commit. */
export function committedTaskDir(job: WriteJobDescription, split: number): string {
  return join(jobAttemptDir(job), `task_${job.jobTrackerId}_0000_m_${split6(split)}`);
}

/** Creates a task attempt's directory (the attempt id only needs to be unique). */
export function setupTask(job: WriteJobDescription, split: number, attempt: string): string {
  const dir = taskAttemptDir(job, split, attempt);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Task commit: the attempt's directory becomes the split's committed task directory in one
 * rename (replacing an earlier committed attempt of the same split, as FileOutputCommitter
 * v1 does, so the split's files come from exactly one attempt).
 */
export function commitTask(job: WriteJobDescription, split: number, attempt: string): void {
  const from = taskAttemptDir(job, split, attempt);
  const to = committedTaskDir(job, split);
  try {
    rmSync(to, { recursive: true, force: true });
    renameSync(from, to);
  } catch (e) {
    throw new FlintError("TASK_WRITE_FAILED", { path: to }, { cause: e });
  }
}

/** Task abort: deletes what the attempt wrote. */
export function abortTask(job: WriteJobDescription, split: number, attempt: string): void {
  rmSync(taskAttemptDir(job, split, attempt), { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------
// job side

/** The staging root for an output path and strategy. */
export function stagingRootFor(
  outputPath: string,
  strategy: CommitStrategy,
  jobUuid: string,
): string {
  switch (strategy) {
    case "append":
      return outputPath;
    case "swap":
      return join(dirname(outputPath), `.${basename(outputPath)}.flint-staging-${jobUuid}`);
    case "dynamic":
      return join(outputPath, `.spark-staging-${jobUuid}`);
  }
}

function trashDirFor(outputPath: string, jobUuid: string): string {
  return join(dirname(outputPath), `.${basename(outputPath)}.flint-trash-${jobUuid}`);
}

function journalFor(outputPath: string, jobUuid: string): string {
  return join(dirname(outputPath), `.${basename(outputPath)}.flint-commit-${jobUuid}.json`);
}

const OWNER_FILE = "_flint_owner";

/**
 * Creates the job's staging directories. A staging directory of its own (swap, dynamic)
 * records the process that owns it, so that a later write can remove it once that process
 * is gone (`removeAbandonedStaging`).
 */
export function setupJob(job: WriteJob): void {
  try {
    mkdirSync(join(jobAttemptDir(job), TEMPORARY), { recursive: true });
    if (job.strategy !== "append") {
      writeFileSync(
        join(job.stagingRoot, OWNER_FILE),
        JSON.stringify({ pid: process.pid, host: hostname() }),
      );
    }
  } catch (e) {
    throw new FlintError("TASK_WRITE_FAILED", { path: `file:${job.outputPath}` }, { cause: e });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Deletes the staging directories of `outputPath` whose owning process (on this host) no
 * longer runs: what jobs killed before their commit left behind. Returns how many.
 */
export function removeAbandonedStaging(outputPath: string): number {
  const candidates: string[] = [];
  const parent = dirname(outputPath);
  const prefix = `.${basename(outputPath)}.flint-staging-`;
  try {
    for (const n of readdirSync(parent)) if (n.startsWith(prefix)) candidates.push(join(parent, n));
  } catch {
    // no parent: nothing staged
  }
  try {
    for (const n of readdirSync(outputPath)) {
      if (n.startsWith(".spark-staging-")) candidates.push(join(outputPath, n));
    }
  } catch {
    // not a directory
  }
  let removed = 0;
  for (const dir of candidates) {
    let owner: { pid?: unknown; host?: unknown };
    try {
      owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), "utf8")) as typeof owner;
    } catch {
      continue; // not ours, or its job is just starting
    }
    if (owner.host !== hostname() || typeof owner.pid !== "number") continue;
    if (owner.pid === process.pid || processAlive(owner.pid)) continue;
    rmSync(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** Files under `dir` (relative paths, `/`-separated), directories walked. */
function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix === "" ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...listFiles(join(dir, e.name), rel));
    else out.push(rel);
  }
  return out;
}

/** Moves every committed task's files to `dest` (creating partition directories). */
function mergeTaskOutputs(job: WriteJob, dest: string): string[] {
  const attemptDir = jobAttemptDir(job);
  const moved: string[] = [];
  const tasks = existsSync(attemptDir)
    ? readdirSync(attemptDir).filter((n) => n.startsWith("task_"))
    : [];
  tasks.sort();
  for (const t of tasks) {
    const taskDir = join(attemptDir, t);
    for (const rel of listFiles(taskDir)) {
      const to = join(dest, rel);
      mkdirSync(dirname(to), { recursive: true });
      renameSync(join(taskDir, rel), to);
      moved.push(rel);
    }
  }
  return moved;
}

/** Writes a JSON file durably enough for recovery: written aside, then renamed. */
function writeJournal(path: string, value: unknown): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, path);
}

interface Journal {
  readonly strategy: "swap" | "dynamic";
  readonly outputPath: string;
  readonly stagingRoot: string;
  readonly trash: string;
  /** Dynamic: the partition directories (relative) to replace. */
  readonly partitions: readonly string[];
}

/**
 * Job commit: places the committed tasks' files, writes `_SUCCESS`, removes the staging
 * directories. Returns the output files' paths relative to the output directory.
 */
export function commitJob(job: WriteJob, partitionDepth: number): string[] {
  switch (job.strategy) {
    case "append": {
      mkdirSync(job.outputPath, { recursive: true });
      const moved = mergeTaskOutputs(job, job.outputPath);
      writeFileSync(join(job.outputPath, SUCCESS_FILE), "");
      rmSync(join(job.outputPath, TEMPORARY), { recursive: true, force: true });
      return moved;
    }
    case "swap": {
      const moved = mergeTaskOutputs(job, job.stagingRoot);
      writeFileSync(join(job.stagingRoot, SUCCESS_FILE), "");
      rmSync(join(job.stagingRoot, TEMPORARY), { recursive: true, force: true });
      rmSync(join(job.stagingRoot, OWNER_FILE), { force: true });
      const journal: Journal = {
        strategy: "swap",
        outputPath: job.outputPath,
        stagingRoot: job.stagingRoot,
        trash: trashDirFor(job.outputPath, job.jobUuid),
        partitions: [],
      };
      const journalPath = journalFor(job.outputPath, job.jobUuid);
      writeJournal(journalPath, journal);
      rollForward(journal, journalPath);
      return moved;
    }
    case "dynamic": {
      const moved = mergeTaskOutputs(job, job.stagingRoot);
      rmSync(join(job.stagingRoot, TEMPORARY), { recursive: true, force: true });
      const partitions = [
        ...new Set(moved.map((rel) => rel.split("/").slice(0, partitionDepth).join("/"))),
      ].sort();
      const journal: Journal = {
        strategy: "dynamic",
        outputPath: job.outputPath,
        stagingRoot: job.stagingRoot,
        trash: join(job.outputPath, `.flint-trash-${job.jobUuid}`),
        partitions,
      };
      const journalPath = journalFor(job.outputPath, job.jobUuid);
      writeJournal(journalPath, journal);
      rollForward(journal, journalPath);
      return moved;
    }
  }
}

/** Finishes a journaled swap; every step can be repeated after a crash. */
function rollForward(j: Journal, journalPath: string): void {
  if (j.strategy === "swap") {
    if (existsSync(j.stagingRoot)) {
      if (existsSync(j.outputPath)) {
        if (existsSync(j.trash)) rmSync(j.outputPath, { recursive: true, force: true });
        else renameSync(j.outputPath, j.trash);
      }
      mkdirSync(dirname(j.outputPath), { recursive: true });
      renameSync(j.stagingRoot, j.outputPath);
    } else if (!existsSync(j.outputPath) && existsSync(j.trash)) {
      // the new data is gone (deleted by hand?): put the old data back rather than lose both
      renameSync(j.trash, j.outputPath);
    }
  } else {
    for (const p of j.partitions) {
      const staged = join(j.stagingRoot, p);
      if (!existsSync(staged)) continue;
      const target = join(j.outputPath, p);
      const trashed = join(j.trash, p);
      if (existsSync(target)) {
        if (existsSync(trashed)) rmSync(target, { recursive: true, force: true });
        else {
          mkdirSync(dirname(trashed), { recursive: true });
          renameSync(target, trashed);
        }
      }
      mkdirSync(dirname(target), { recursive: true });
      renameSync(staged, target);
    }
    writeFileSync(join(j.outputPath, SUCCESS_FILE), "");
    rmSync(j.stagingRoot, { recursive: true, force: true });
  }
  rmSync(journalPath, { force: true });
  rmSync(j.trash, { recursive: true, force: true });
}

/** Whether the job's commit got as far as its journal (from then on it must be finished, not aborted). */
export function commitStarted(job: WriteJob): boolean {
  return existsSync(journalFor(job.outputPath, job.jobUuid));
}

/**
 * Job abort: deletes everything the job staged (the output is untouched). Not for a job
 * whose commit wrote its journal: `recoverInterruptedCommit` finishes those.
 */
export function abortJob(job: WriteJob): void {
  if (job.strategy === "append") {
    rmSync(join(job.outputPath, TEMPORARY), { recursive: true, force: true });
  } else {
    rmSync(job.stagingRoot, { recursive: true, force: true });
  }
}

/**
 * Completes a commit of `outputPath` that a killed process left between its journal and
 * its end (readers and writers call this before using the path). Returns whether there
 * was one.
 */
export function recoverInterruptedCommit(outputPath: string): boolean {
  const dir = dirname(outputPath);
  const prefix = `.${basename(outputPath)}.flint-commit-`;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith(".json"));
  } catch {
    return false;
  }
  for (const n of names) {
    const journalPath = join(dir, n);
    const j = JSON.parse(readFileSync(journalPath, "utf8")) as Journal;
    rollForward(j, journalPath);
  }
  return names.length > 0;
}

/** Whether a path exists (file or directory). */
export function pathExists(path: string): boolean {
  return existsSync(path);
}

/** Whether a directory holds any data file or directory (hidden names not counted). */
export function hasVisibleEntries(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return true;
    return readdirSync(path).some((n) => !isHiddenName(n));
  } catch {
    return false;
  }
}
