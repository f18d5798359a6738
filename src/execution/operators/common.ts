/** Small helpers shared by operators: schemas of attribute lists, batch assembly, keys. */
import type { AttributeReference, Expression } from "../../catalyst/expressions/expression.ts";
import { type StructType, structField, structType } from "../../types/data-types.ts";
import { codegenFactoryMode } from "../codegen/expr-codegen.ts";
import { type CompiledPipeline, compilePipeline } from "../codegen/pipeline.ts";
import { decodeIpcStream, encodeIpcStream } from "../columnar/arrow-ipc.ts";
import { type ColumnarBatch, columnarBatch, concatBatches } from "../columnar/batch.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import type { ExecConf } from "./operator.ts";

export function schemaOf(attrs: readonly AttributeReference[]): StructType {
  return structType(attrs.map((a) => structField(a.name, a.dataType, a.nullable)));
}

/**
 * The schema batches travel with (shuffle, broadcast, spill, results): positional names,
 * since output names may repeat (`sum` of a sum and of an avg buffer) and Arrow IPC
 * round trips need distinct ones. Receivers re-wrap columns with their own schema.
 */
export function transportSchema(attrs: readonly AttributeReference[]): StructType {
  return structType(attrs.map((a, i) => structField(`_${i}`, a.dataType, a.nullable)));
}

/** Arrow IPC stream bytes of batches under a transport schema. */
export function encodeTransport(
  attrs: readonly AttributeReference[],
  batches: readonly ColumnarBatch[],
): Uint8Array {
  const schema = transportSchema(attrs);
  return encodeIpcStream(
    schema,
    batches.map((b) => columnarBatch(schema, b.numRows, b.columns)),
  );
}

/** Decodes transport bytes into batches carrying the attributes' own schema. */
export function decodeTransport(
  attrs: readonly AttributeReference[],
  bytes: Uint8Array,
): ColumnarBatch[] {
  const schema = schemaOf(attrs);
  return decodeIpcStream(bytes).batches.map((b) => columnarBatch(schema, b.numRows, b.columns));
}

export function batchOf(
  attrs: readonly AttributeReference[],
  numRows: number,
  columns: readonly ColumnVector[],
): ColumnarBatch {
  return columnarBatch(schemaOf(attrs), numRows, columns);
}

/** All batches of an iterable, as one batch. */
export function collectBatch(
  attrs: readonly AttributeReference[],
  batches: Iterable<ColumnarBatch>,
): ColumnarBatch {
  const all: ColumnarBatch[] = [];
  for (const b of batches) if (b.numRows > 0) all.push(b);
  return concatBatches(schemaOf(attrs), all);
}

/** Evaluates expressions over a batch whose columns are `input`. */
export function evaluate(
  input: readonly AttributeReference[],
  exprs: readonly Expression[],
  batch: ColumnarBatch,
  conf: ExecConf,
): ColumnVector[] {
  if (exprs.length === 0) return [];
  return projectionOf(input, exprs, conf.ansi).run(batch.columns, batch.numRows).columns;
}

const projections = new Map<string, CompiledPipeline>();
const MAX_PROJECTIONS = 512;

function fingerprintReplacer(_k: string, v: unknown): unknown {
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Uint8Array) return [...v];
  if (v instanceof Set) return [...v];
  return v;
}

/**
 * The compiled projection of `exprs` over `input`, memoised by structure (operators call
 * this per batch with freshly built expression lists; emission then happens once).
 */
export function projectionOf(
  input: readonly AttributeReference[],
  exprs: readonly Expression[],
  ansi: boolean,
): CompiledPipeline {
  const key = `${ansi}|${codegenFactoryMode()}|${input.map((a) => `${a.exprId}:${JSON.stringify(a.dataType)}`).join(",")}|${JSON.stringify(exprs, fingerprintReplacer)}`;
  let p = projections.get(key);
  if (p === undefined) {
    p = compilePipeline(input, [], exprs, ansi);
    if (projections.size >= MAX_PROJECTIONS)
      projections.delete(projections.keys().next().value as string);
    projections.set(key, p);
  }
  return p;
}
