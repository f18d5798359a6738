/**
 * Whole-stage code generation for a pipeline of narrow operators: the conditions of every
 * Filter and the expressions of the topmost Project, rewritten over the pipeline's input
 * columns, become ONE strict-mode JavaScript function that loops over a batch's rows,
 * skips rows failing a condition, appends computed columns to builders and records the
 * selected row numbers (columns passed through unchanged are gathered afterwards with the
 * `take` kernel instead of being copied row by row).
 *
 * Generated functions have fixed parameters `(C, n, S, O, P, R)`: input vectors, row
 * count, selection output, builders, literal parameters, runtime helpers. They are
 * compiled once per distinct source text per worker thread and cached.
 */
import type { AttributeReference, Expression } from "../../catalyst/expressions/expression.ts";
import { dataTypeOf } from "../../catalyst/expressions/typing.ts";
import type { DataType } from "../../types/data-types.ts";
import { constantVector } from "../columnar/batch.ts";
import { createBuilder, type VectorBuilder } from "../columnar/builder.ts";
import { slice, take } from "../columnar/kernels.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { EmitContext, emitExpr } from "./expr-codegen.ts";
import { RUNTIME_HELPERS, type RuntimeHelpers } from "./runtime-helpers.ts";

/** A literal output: one constant vector per batch, no per-row code. */
interface Constant {
  readonly value: unknown;
  readonly type: DataType;
}

type PipelineFn = (
  C: readonly ColumnVector[],
  n: number,
  S: Int32Array,
  O: readonly VectorBuilder[],
  P: readonly unknown[],
  R: RuntimeHelpers,
) => number;

const compiled = new Map<string, PipelineFn>();

/**
 * Number of distinct pipelines compiled in this thread (for tests); each is compiled as a
 * general function and a no-nulls one.
 */
export function compiledPipelineCount(): number {
  let n = 0;
  for (const source of compiled.keys()) if (!source.startsWith("function pipelineNoNulls")) n++;
  return n;
}

function compile(source: string): PipelineFn {
  let fn = compiled.get(source);
  if (fn === undefined) {
    fn = new Function(`"use strict";\nreturn ${source};`)() as PipelineFn;
    compiled.set(source, fn);
  }
  return fn;
}

export interface CompiledPipeline {
  /** The generated source (what `explain("codegen")` prints). */
  readonly source: string;
  /** Evaluates the pipeline over one batch's columns; null when no row survives. */
  run(
    columns: readonly ColumnVector[],
    numRows: number,
  ): { numRows: number; columns: ColumnVector[] };
  /** The row numbers that pass every condition. */
  selection(columns: readonly ColumnVector[], numRows: number): Int32Array;
}

/**
 * Compiles `conditions` (all must be true) and `outputs` over `input`. An output that is
 * an input attribute is gathered, not recomputed.
 */
interface Generated {
  readonly source: string;
  readonly params: unknown[];
  readonly passthrough: (number | null | Constant)[];
  readonly computed: Expression[];
  readonly usedColumns: readonly number[];
}

/** The source of one pipeline function; `noNulls` assumes every column read has no nulls. */
function generate(
  input: readonly AttributeReference[],
  conditions: readonly Expression[],
  outputs: readonly Expression[],
  ansi: boolean,
  options: { readonly interpretedFallback?: boolean },
  noNulls: boolean,
): Generated {
  const ctx = new EmitContext(input, ansi);
  ctx.interpretedFallback = options.interpretedFallback ?? true;
  ctx.noNulls = noNulls;
  const body: string[] = [];
  for (const cond of conditions) {
    ctx.lines = [];
    const c = emitExpr(cond, ctx);
    body.push(...ctx.lines, `if (${c.isNull} || !${c.value}) continue;`);
  }
  // per output: an input ordinal (gathered), a literal (one constant vector), or null (computed)
  const passthrough: (number | null | Constant)[] = [];
  const computed: Expression[] = [];
  for (const o of outputs) {
    const e = o.kind === "Alias" ? o.child : o;
    const k = e.kind === "AttributeReference" ? ctx.ordinals.get(e.exprId) : undefined;
    if (k !== undefined) {
      passthrough.push(k);
    } else if (e.kind === "Literal") {
      passthrough.push({ value: e.value, type: e.dataType });
    } else {
      passthrough.push(null);
      ctx.lines = [];
      const c = emitExpr(e, ctx);
      const j = computed.length;
      computed.push(e);
      body.push(
        ...ctx.lines,
        `if (${c.isNull}) O[${j}].appendNull(); else O[${j}].append(${c.value});`,
      );
    }
  }
  const usedColumns = [...ctx.usedColumns].sort((a, b) => a - b);
  const hoist = usedColumns.map(
    (k) =>
      `const C${k} = C[${k}], C${k}v = C${k}.values, C${k}n = C${k}.validity;${ctx.usedWords.has(k) ? ` const C${k}w = new Int32Array(C${k}v.buffer, C${k}v.byteOffset, 2 * C${k}.length);` : ""}`,
  );
  const source = [
    `function pipeline${noNulls ? "NoNulls" : ""}(C, n, S, O, P, R) {`,
    ...hoist.map((l) => `  ${l}`),
    ...ctx.hoisted.map((l) => `  ${l}`),
    "  let m = 0;",
    "  for (let i = 0; i < n; i++) {",
    ...body.map((l) => `    ${l}`),
    "    S[m++] = i;",
    "  }",
    "  return m;",
    "}",
  ].join("\n");
  return { source, params: ctx.params, passthrough, computed, usedColumns };
}

export function compilePipeline(
  input: readonly AttributeReference[],
  conditions: readonly Expression[],
  outputs: readonly Expression[],
  ansi: boolean,
  options: { readonly interpretedFallback?: boolean } = {},
): CompiledPipeline {
  const general = generate(input, conditions, outputs, ansi, options, false);
  const { passthrough, computed, source, usedColumns } = general;
  // a second function for batches whose columns have no nulls: no validity test per row
  const dense = generate(input, conditions, outputs, ansi, options, true);
  const fn = compile(source);
  const denseFn = compile(dense.source);
  const params = general.params;
  const denseParams = dense.params;
  const noNulls = (columns: readonly ColumnVector[]): boolean => {
    for (const k of usedColumns) if ((columns[k] as ColumnVector).validity !== null) return false;
    return true;
  };
  const types = computed.map(dataTypeOf);
  const trivial = conditions.length === 0 && computed.length === 0;
  // the selection of `run` never escapes it: one buffer per pipeline, grown as needed
  let scratch = new Int32Array(0);
  // literal outputs: one constant vector per literal, reused (as views) by every batch
  const constants = new Map<Constant, ColumnVector>();
  const constantOf = (c: Constant, n: number): ColumnVector => {
    let v = constants.get(c);
    if (v === undefined || v.length < n) {
      v = constantVector(c.type, c.value, Math.max(n, 4096));
      constants.set(c, v);
    }
    return v.length === n ? v : slice(v, 0, n);
  };
  return {
    source,
    run(columns, numRows) {
      if (trivial) {
        // no condition, nothing computed: inputs and constants, no row loop
        const out: ColumnVector[] = [];
        for (const k of passthrough) {
          if (typeof k === "number") out.push(columns[k] as ColumnVector);
          else if (k !== null) out.push(constantOf(k, numRows));
        }
        return { numRows, columns: out };
      }
      if (scratch.length < numRows) scratch = new Int32Array(Math.max(numRows, 4096));
      const S = scratch;
      const O = types.map((t) => createBuilder(t, numRows));
      const m = noNulls(columns)
        ? denseFn(columns, numRows, S, O, denseParams, RUNTIME_HELPERS)
        : fn(columns, numRows, S, O, params, RUNTIME_HELPERS);
      const all = m === numRows;
      const sel = all ? S : S.subarray(0, m);
      const out: ColumnVector[] = [];
      let j = 0;
      for (const k of passthrough) {
        if (k === null) out.push((O[j++] as VectorBuilder).finish());
        else if (typeof k !== "number") out.push(constantOf(k, m));
        else out.push(all ? (columns[k] as ColumnVector) : take(columns[k] as ColumnVector, sel));
      }
      return { numRows: m, columns: out };
    },
    selection(columns, numRows) {
      const S = new Int32Array(numRows);
      const O = types.map((t) => createBuilder(t, numRows));
      const m = fn(columns, numRows, S, O, params, RUNTIME_HELPERS);
      return S.subarray(0, m);
    },
  };
}
