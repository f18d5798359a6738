/**
 * Generate: each input row joined with the rows its generator yields (explode, posexplode,
 * explode_outer, inline of arrays of structs, explode of maps). With `outer`, a row whose
 * collection is null or empty still yields one row with nulls for the generated columns.
 */

import type { AttributeReference, Generator } from "../../catalyst/expressions/expression.ts";
import { generateRows } from "../../catalyst/functions/generator.ts";
import { FlintError } from "../../errors/index.ts";
import { type ColumnarBatch, columnarBatch } from "../columnar/batch.ts";
import { fromValues } from "../columnar/builder.ts";
import { take } from "../columnar/kernels.ts";
import {
  type ColumnVector,
  getValue,
  type ListVector,
  type MapVector,
} from "../columnar/vector.ts";
import { exprList, exprString } from "../explain/expr-string.ts";
import type { GenerateExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { evaluate, schemaOf } from "./common.ts";
import type { ExecContext, OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

interface Expansion {
  /** Input row of each output row. */
  readonly rows: Int32Array;
  /** Element index of each output row into the collection's child (-1: outer null row). */
  readonly elems: Int32Array;
  /** Position within its collection (posexplode). */
  readonly pos: Int32Array;
}

function expand(v: ListVector | MapVector, n: number, outer: boolean): Expansion {
  const rows: number[] = [];
  const elems: number[] = [];
  const pos: number[] = [];
  const bits = v.validity;
  for (let i = 0; i < n; i++) {
    const isNull = bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0;
    const s = v.offsets[i] as number;
    const e = isNull ? s : (v.offsets[i + 1] as number);
    if (e === s) {
      if (outer) {
        rows.push(i);
        elems.push(-1);
        pos.push(-1);
      }
      continue;
    }
    for (let k = s; k < e; k++) {
      rows.push(i);
      elems.push(k);
      pos.push(k - s);
    }
  }
  return { rows: Int32Array.from(rows), elems: Int32Array.from(elems), pos: Int32Array.from(pos) };
}

function posVector(x: Expansion): ColumnVector {
  const n = x.pos.length;
  let validity: Uint8Array | null = null;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if ((x.pos[i] as number) < 0) {
      validity ??= new Uint8Array((n + 7) >> 3).fill(0xff);
      validity[i >> 3]! &= ~(1 << (i & 7));
      nulls++;
    }
  }
  return {
    layout: "i32",
    type: { kind: "integer" },
    length: n,
    validity,
    nullCount: nulls,
    values: Int32Array.from(x.pos, (p) => Math.max(p, 0)),
  };
}

/** Generators whose rows come from all their arguments, not from expanding one collection. */
const ROW_GENERATORS = new Set(["stack", "json_tuple"]);

/** Each input row's generated rows (the generator's reference semantics), row by row. */
function generateByRow(
  p: GenerateExec,
  g: Generator,
  input: readonly AttributeReference[],
  b: ColumnarBatch,
  ctx: ExecContext,
): ColumnarBatch {
  const args = evaluate(input, g.args, b, ctx.conf);
  const rows: number[] = [];
  const generated: unknown[][] = g.elementSchema.map(() => []);
  const outer = p.outer || g.name.toLowerCase().endsWith("_outer");
  for (let i = 0; i < b.numRows; i++) {
    let out = generateRows(
      g,
      args.map((v) => getValue(v, i)),
    );
    if (out.length === 0 && outer) out = [g.elementSchema.map(() => null)];
    for (const r of out) {
      rows.push(i);
      for (let c = 0; c < r.length; c++) (generated[c] as unknown[]).push(r[c]);
    }
  }
  const index = Int32Array.from(rows);
  const kept = p.requiredChildOutput.map((a) => {
    const k = input.findIndex((c) => c.exprId === a.exprId);
    return take(b.columns[k] as ColumnVector, index);
  });
  const cols = g.elementSchema.map((f, c) => fromValues(f.dataType, generated[c] as unknown[]));
  return columnarBatch(schemaOf(outputOfPhysical(p)), index.length, [...kept, ...cols]);
}

export const GenerateOp: OperatorDef<GenerateExec> = {
  describe: (p) =>
    `Generate ${exprString(p.generator)}, ${exprList(p.requiredChildOutput)}, ${p.outer}, ${exprList(p.generatorOutput)}`,
  supportsCodegen: () => true,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: () => [],
  *execute(p, ctx, partition, run) {
    const g = p.generator;
    if (g.kind !== "Generator")
      throw new FlintError("INTERNAL_ERROR", { message: `not a generator: ${g.kind}` });
    const name = g.name.toLowerCase().replace(/_outer$/, "");
    const outer = p.outer || g.name.toLowerCase().endsWith("_outer");
    const input = outputOfPhysical(p.child);
    const schema = schemaOf(outputOfPhysical(p));
    for (const b of run(p.child, partition)) {
      if (b.numRows === 0) continue;
      if (ROW_GENERATORS.has(name)) {
        // stack, json_tuple: rows from each input row's argument values
        const out = generateByRow(p, g, input, b, ctx);
        ctx.addMetric(p.id, "numOutputRows", out.numRows);
        if (out.numRows > 0) yield out;
        continue;
      }
      const [coll] = evaluate(input, g.args.slice(0, 1), b, ctx.conf);
      if (coll === undefined || (coll.layout !== "list" && coll.layout !== "map")) {
        throw new FlintError("UNSUPPORTED_FEATURE", {
          feature: `generator ${g.name} in execution`,
        });
      }
      const x = expand(coll, b.numRows, outer);
      const kept = p.requiredChildOutput.map((a) => {
        const k = input.findIndex((c) => c.exprId === a.exprId);
        return take(b.columns[k] as ColumnVector, x.rows);
      });
      let generated: ColumnVector[];
      if (coll.layout === "map") {
        const [keys, values] = coll.entries.children as [ColumnVector, ColumnVector];
        generated = [take(keys, x.elems), take(values, x.elems)];
      } else if (name === "inline") {
        const child = coll.child;
        if (child.layout !== "struct")
          throw new FlintError("UNSUPPORTED_FEATURE", { feature: "inline of non-struct arrays" });
        generated = child.children.map((c) => take(c, x.elems));
      } else {
        generated = [take(coll.child, x.elems)];
      }
      if (name === "posexplode") generated = [posVector(x), ...generated];
      const n = x.rows.length;
      ctx.addMetric(p.id, "numOutputRows", n);
      if (n > 0) yield columnarBatch(schema, n, [...kept, ...generated]);
    }
  },
};
