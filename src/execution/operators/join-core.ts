/**
 * The join kernel shared by hash, sort-merge and nested-loop joins: matches stream rows
 * against an in-memory build side by key (no keys: every pair), applies the residual
 * condition to candidate pairs, and assembles output for every join type by gathering
 * both sides with `take` (index -1 yields the nulls of an outer side).
 */
import type { AttributeReference, Expression } from "../../catalyst/expressions/expression.ts";
import type { JoinType } from "../../catalyst/plans/logical-plan.ts";
import { compilePipeline } from "../codegen/pipeline.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { createBuilder } from "../columnar/builder.ts";
import { take } from "../columnar/kernels.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { JoinIndex } from "../hash/key-table.ts";
import { keyWords, LongJoinIndex, longJoinKeys } from "../hash/long-join-index.ts";
import { batchOf, evaluate } from "./common.ts";
import type { ExecConf } from "./operator.ts";

export interface JoinSpec {
  readonly joinType: JoinType;
  /** Whether the stream side is the left input. */
  readonly streamIsLeft: boolean;
  readonly leftOutput: readonly AttributeReference[];
  readonly rightOutput: readonly AttributeReference[];
  readonly streamKeys: readonly Expression[];
  readonly buildKeys: readonly Expression[];
  readonly condition: Expression | null;
  readonly output: readonly AttributeReference[];
}

class IntList {
  data = new Int32Array(64);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = x;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Join keys computed together with a stream batch by a fused generated function (the
 * probe side of a broadcast hash join in a codegen subtree), by batch.
 */
export const precomputedKeys = new WeakMap<ColumnarBatch, ColumnVector[]>();

/** A build side ready to probe: its rows and their index by key (null: no keys). */
export interface PreparedBuild {
  readonly build: ColumnarBatch;
  readonly index: BuildIndex | null;
}

/** Probes: the first matching build row of each row (or -1); `nextMatch` the others. */
interface BuildIndex {
  readonly hasDuplicates: boolean;
  probe(keys: readonly ColumnVector[], n: number): Int32Array;
  nextMatch(row: number): number;
}

/**
 * Indexes `build` by `spec.buildKeys`: one integral key, or two that fit in 32 bits, go to
 * the word-compare LongJoinIndex; other keys to the general JoinIndex.
 */
export function prepareBuild(spec: JoinSpec, build: ColumnarBatch, conf: ExecConf): PreparedBuild {
  if (spec.buildKeys.length === 0) return { build, index: null };
  const buildOutput = spec.streamIsLeft ? spec.rightOutput : spec.leftOutput;
  const keys = evaluate(buildOutput, spec.buildKeys, build, conf);
  const fast = longJoinKeys(keys)
    ? LongJoinIndex.build(keyWords(keys, build.numRows), build.numRows)
    : null;
  if (fast !== null) {
    return {
      build,
      index: {
        hasDuplicates: fast.hasDuplicates,
        probe: (k, n) => fast.probe(keyWords(k, n), n),
        nextMatch: (row) => fast.nextMatch(row),
      },
    };
  }
  const index = new JoinIndex({ capacity: build.numRows });
  index.add(keys, build.numRows);
  return {
    build,
    index: {
      hasDuplicates: true,
      probe: (k, n) => index.probe(k, n),
      nextMatch: (row) => index.nextMatch(row),
    },
  };
}

/** Joins `stream` against `build` (or its prepared index); yields output batches. */
export function* joinBatches(
  spec: JoinSpec,
  stream: Iterable<ColumnarBatch>,
  build: ColumnarBatch,
  conf: ExecConf,
  prepared: PreparedBuild = prepareBuild(spec, build, conf),
): Iterable<ColumnarBatch> {
  const streamOutput = spec.streamIsLeft ? spec.leftOutput : spec.rightOutput;
  const jt = spec.joinType;
  const index = prepared.index;
  const streamOuter =
    (jt === "LeftOuter" && spec.streamIsLeft) ||
    (jt === "RightOuter" && !spec.streamIsLeft) ||
    jt === "FullOuter";
  const buildOuter =
    (jt === "LeftOuter" && !spec.streamIsLeft) ||
    (jt === "RightOuter" && spec.streamIsLeft) ||
    jt === "FullOuter";
  const semi = jt === "LeftSemi";
  const anti = jt === "LeftAnti";
  const buildMatched = buildOuter ? new Uint8Array(build.numRows) : null;
  const combined = [...spec.leftOutput, ...spec.rightOutput];
  const cond =
    spec.condition === null ? null : compilePipeline(combined, [spec.condition], [], conf.ansi);

  const assemble = (
    leftBatch: ColumnarBatch,
    li: Int32Array,
    rightBatch: ColumnarBatch,
    ri: Int32Array,
  ): ColumnVector[] => [...gather(leftBatch, li), ...gather(rightBatch, ri)];

  for (const sb of stream) {
    let si: Int32Array;
    let bi: Int32Array;
    if (index !== null) {
      const keys = precomputedKeys.get(sb) ?? evaluate(streamOutput, spec.streamKeys, sb, conf);
      const first = index.probe(keys, sb.numRows);
      if (!index.hasDuplicates) {
        // at most one match per stream row: pairs in one pass, no growth
        si = new Int32Array(sb.numRows);
        bi = first;
        let m = 0;
        for (let i = 0; i < sb.numRows; i++) {
          const j = first[i]!;
          if (j >= 0) {
            si[m] = i;
            bi[m++] = j;
          }
        }
        si = si.subarray(0, m);
        bi = bi.subarray(0, m);
      } else {
        const sIdx = new IntList();
        const bIdx = new IntList();
        for (let i = 0; i < sb.numRows; i++) {
          for (let j = first[i] as number; j >= 0; j = index.nextMatch(j)) {
            sIdx.push(i);
            bIdx.push(j);
          }
        }
        si = sIdx.view();
        bi = bIdx.view();
      }
    } else {
      const sIdx = new IntList();
      const bIdx = new IntList();
      for (let i = 0; i < sb.numRows; i++) {
        for (let j = 0; j < build.numRows; j++) {
          sIdx.push(i);
          bIdx.push(j);
        }
      }
      si = sIdx.view();
      bi = bIdx.view();
    }
    if (cond !== null && si.length > 0) {
      const [lb, li, rb, ri] = spec.streamIsLeft ? [sb, si, build, bi] : [build, bi, sb, si];
      const keep = cond.selection(assemble(lb, li, rb, ri), si.length);
      si = Int32Array.from(keep, (k) => si[k] as number);
      bi = Int32Array.from(keep, (k) => bi[k] as number);
    }
    if (buildMatched !== null) for (const j of bi) buildMatched[j] = 1;
    if (semi || anti) {
      const hit = new Uint8Array(sb.numRows);
      for (const i of si) hit[i] = 1;
      const rows = new IntList();
      for (let i = 0; i < sb.numRows; i++) if ((hit[i] === 1) === semi) rows.push(i);
      const idx = rows.view();
      if (idx.length > 0) yield batchOf(spec.output, idx.length, gather(sb, idx));
      continue;
    }
    if (streamOuter) {
      // interleave unmatched stream rows in stream order (pairs are sorted by stream row)
      const s2 = new IntList();
      const b2 = new IntList();
      let k = 0;
      for (let i = 0; i < sb.numRows; i++) {
        if (k < si.length && si[k] === i) {
          while (k < si.length && si[k] === i) {
            s2.push(i);
            b2.push(bi[k] as number);
            k++;
          }
        } else {
          s2.push(i);
          b2.push(-1);
        }
      }
      si = s2.view();
      bi = b2.view();
    }
    if (si.length === 0) continue;
    const cols = spec.streamIsLeft ? assemble(sb, si, build, bi) : assemble(build, bi, sb, si);
    yield batchOf(spec.output, si.length, cols);
  }
  if (buildMatched !== null) {
    const rows = new IntList();
    for (let j = 0; j < build.numRows; j++) if (buildMatched[j] === 0) rows.push(j);
    const bi = rows.view();
    if (bi.length > 0) {
      const none = new Int32Array(bi.length).fill(-1);
      const streamEmpty = batchOf(
        streamOutput,
        0,
        streamOutput.map((a) => emptyVector(a)),
      );
      const cols = spec.streamIsLeft
        ? assemble(streamEmpty, none, build, bi)
        : assemble(build, bi, streamEmpty, none);
      yield batchOf(spec.output, bi.length, cols);
    }
  }
}

/**
 * The rows `idx` of every column; the columns themselves when `idx` is every row in order
 * (a stream batch whose rows each matched once, as in most foreign-key joins).
 */
function gather(batch: ColumnarBatch, idx: Int32Array): ColumnVector[] {
  if (idx.length === batch.numRows) {
    let identity = true;
    for (let k = 0; k < idx.length && identity; k++) identity = idx[k] === k;
    if (identity) return [...batch.columns];
  }
  return batch.columns.map((c) => take(c, idx));
}

function emptyVector(a: AttributeReference): ColumnVector {
  return createBuilder(a.dataType, 0).finish();
}
