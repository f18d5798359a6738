/**
 * Expression trees to JavaScript statements (a `Record<ExpressionKind, Emitter>` table).
 * Each emitter appends statements computing one value for row `i` and returns the names
 * of the variables holding the value and its null flag. Literal values never appear in
 * the source: they are passed in the fixed parameter array `P` and read as `P[k]`; names
 * of columns never appear either (columns are `C[k]` by ordinal). So no data can change
 * the generated code, only the shape of the expression tree.
 *
 * Branching expressions (AND, OR, CASE, IF, COALESCE) evaluate their operands lazily, so
 * `CASE WHEN x = 0 THEN 0 ELSE 1 / x END` never divides by zero.
 */
import type {
  AttributeReference,
  Expression,
  ExpressionKind,
} from "../../catalyst/expressions/expression.ts";
import { dataTypeOf } from "../../catalyst/expressions/typing.ts";
import { transformUp } from "../../catalyst/trees/expression-tree.ts";
import type { DataType } from "../../types/data-types.ts";
import { isIntegral, sameType, simpleString } from "../../types/data-types.ts";
import { exprString } from "../explain/expr-string.ts";

/**
 * Spark's `spark.sql.codegen.factoryMode`: FALLBACK generates code and interprets only the
 * subtrees codegen does not cover; NO_CODEGEN interprets every expression (the differential
 * tests run queries both ways). Set per task by the task runner, read when a context is made.
 */
export type CodegenFactoryMode = "FALLBACK" | "NO_CODEGEN";
let factoryMode: CodegenFactoryMode = "FALLBACK";

export function setCodegenFactoryMode(mode: CodegenFactoryMode): void {
  factoryMode = mode;
}

export function codegenFactoryMode(): CodegenFactoryMode {
  return factoryMode;
}

/** Raised for expressions codegen does not cover; callers fall back or report. */
export class CodegenUnsupportedError extends Error {}

/** Where a computed value lives: JS expressions (usually variable names). */
export interface ExprCode {
  readonly value: string;
  readonly isNull: string;
}

/** State of one code generation: emitted lines, parameters, fresh names, input binding. */
export class EmitContext {
  lines: string[] = [];
  readonly params: unknown[] = [];
  readonly ordinals: ReadonlyMap<number, number>;
  readonly inputTypes: readonly DataType[];
  readonly ansi: boolean;
  /** Whether unsupported subtrees call the interpreted evaluator (else they throw). */
  interpretedFallback = true;
  /** Every expression goes to the interpreted evaluator (factory mode NO_CODEGEN). */
  readonly interpretAll = factoryMode === "NO_CODEGEN";
  /** Columns the code reads (their `C[k]` fields are hoisted out of the row loop). */
  readonly usedColumns = new Set<number>();
  /**
   * Long-backed columns the code reads as 32-bit words (`C<k>w`, an Int32Array over the
   * BigInt64Array: word 2i is the low half of row i, 2i + 1 the signed high half).
   */
  readonly usedWords = new Set<number>();
  /** Whether the code may assume every input column has no nulls (no validity test). */
  noNulls = false;
  /** Declarations hoisted out of the row loop (loop-invariant reads of parameters). */
  readonly hoisted: string[] = [];
  #next = 0;

  constructor(input: readonly AttributeReference[], ansi: boolean) {
    this.ordinals = new Map(input.map((a, i) => [a.exprId, i]));
    this.inputTypes = input.map((a) => a.dataType);
    this.ansi = ansi;
  }

  fresh(prefix: string): string {
    return `${prefix}${this.#next++}`;
  }

  param(value: unknown): string {
    this.params.push(value);
    return `P[${this.params.length - 1}]`;
  }

  /** JS expression: whether column `k` is null at row `i`. */
  nullAt(k: number): string {
    return this.noNulls ? "false" : `C${k}n !== null && (C${k}n[i >> 3] & (1 << (i & 7))) === 0`;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  /** Runs `f` collecting its lines separately (for a nested block). */
  nested<T>(f: () => T): { readonly lines: string[]; readonly result: T } {
    const saved = this.lines;
    this.lines = [];
    try {
      const result = f();
      return { lines: this.lines, result };
    } finally {
      const inner = this.lines;
      this.lines = saved;
      void inner;
    }
  }

  /** Declares `let v = init, n = true;` and returns the names. */
  declare(init = "undefined"): { v: string; n: string } {
    const v = this.fresh("v");
    const n = this.fresh("n");
    this.emit(`let ${v} = ${init}, ${n} = true;`);
    return { v, n };
  }
}

type Of<K extends ExpressionKind> = Extract<Expression, { kind: K }>;
type Emitter<K extends ExpressionKind> = (e: Of<K>, ctx: EmitContext) => ExprCode;

/** The JS expression reading column `k` (of `type`) at row `i`, validity ignored. */
export function readColumn(k: number, type: DataType): string {
  switch (type.kind) {
    case "boolean":
      return `((C${k}v[i >> 3] & (1 << (i & 7))) !== 0)`;
    case "byte":
    case "short":
    case "integer":
    case "date":
    case "yearmonth_interval":
    case "float":
    case "double":
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
      return `C${k}v[i]`;
    case "decimal":
      // up to 18 digits the unscaled value is the low word
      return type.precision <= 18 ? `C${k}v[i << 1]` : `R.dec(C${k}, i)`;
    case "string":
      return `R.str(C${k}, i)`;
    case "binary":
      return `R.bin(C${k}, i)`;
    default:
      return `R.get(C${k}, i)`;
  }
}

function unsupported(e: Expression): never {
  throw new CodegenUnsupportedError(`codegen does not support ${e.kind}: ${exprString(e)}`);
}

function attribute(e: AttributeReference, ctx: EmitContext): ExprCode {
  const k = ctx.ordinals.get(e.exprId);
  if (k === undefined) throw new Error(`attribute ${exprString(e)} is not in the input`);
  ctx.usedColumns.add(k);
  const v = ctx.fresh("v");
  const n = ctx.fresh("n");
  ctx.emit(`const ${n} = ${ctx.nullAt(k)};`);
  const type = ctx.inputTypes[k] as DataType;
  ctx.emit(`const ${v} = ${n} ? ${defaultOf(type)} : ${readColumn(k, type)};`);
  return { value: v, isNull: n };
}

function defaultOf(t: DataType): string {
  switch (t.kind) {
    case "boolean":
      return "false";
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
    case "decimal":
      return "0n";
    case "string":
      return '""';
    default:
      return isIntegral(t) || t.kind === "double" || t.kind === "float" || t.kind === "date"
        ? "0"
        : "null";
  }
}

/**
 * `compute(values)` runs only when every child is non-null and assigns `out.v` (and may
 * set `out.n = true` for null results). The common null-intolerant shape.
 */
function strict(
  ctx: EmitContext,
  children: readonly Expression[],
  compute: (vals: readonly string[], out: { v: string; n: string }) => void,
): ExprCode {
  const codes = children.map((c) => emitExpr(c, ctx));
  const out = ctx.declare();
  const cond = codes.map((c) => `!${c.isNull}`).join(" && ") || "true";
  const body = ctx.nested(() => {
    ctx.emit(`${out.n} = false;`);
    compute(
      codes.map((c) => c.value),
      out,
    );
  });
  ctx.emit(`if (${cond}) {`);
  for (const l of body.lines) ctx.emit(`  ${l}`);
  ctx.emit("}");
  return { value: out.v, isNull: out.n };
}

const INT_RANGE: Partial<Record<DataType["kind"], readonly [number, number]>> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  yearmonth_interval: [-2147483648, 2147483647],
  date: [-2147483648, 2147483647],
};

const WRAP: Partial<Record<DataType["kind"], (x: string) => string>> = {
  byte: (x) => `((${x}) << 24 >> 24)`,
  short: (x) => `((${x}) << 16 >> 16)`,
  integer: (x) => `((${x}) | 0)`,
};

const TRY_NAMES: Record<string, string> = {
  "+": "try_add",
  "-": "try_subtract",
  "*": "try_multiply",
};

function isBig(t: DataType): boolean {
  return (
    t.kind === "long" ||
    t.kind === "timestamp" ||
    t.kind === "timestamp_ntz" ||
    t.kind === "daytime_interval"
  );
}

/** `10n ** k` as a bigint literal (type-derived, never data). */
function pow10Literal(k: number): string {
  return `1${"0".repeat(k)}n`;
}

/**
 * Decimal `+`, `-`, `*` on unscaled bigints when the result keeps the exact scale (no
 * precision-loss rounding): operands rescaled to the result's scale, the result checked
 * against the precision; an overflow takes the interpreter's path (null, or the ANSI
 * error). Division, remainders and rounding results stay interpreted.
 */
function emitDecimalArithmetic(
  e: Of<"BinaryArithmetic">,
  ctx: EmitContext,
  meta: string,
): ExprCode {
  const t = dataTypeOf(e);
  const lt = dataTypeOf(e.left);
  const rt = dataTypeOf(e.right);
  if (t.kind !== "decimal" || lt.kind !== "decimal" || rt.kind !== "decimal") unsupported(e);
  const op = e.op;
  const exact =
    op === "*" ? t.scale === lt.scale + rt.scale : t.scale === Math.max(lt.scale, rt.scale);
  if ((op !== "+" && op !== "-" && op !== "*") || !exact || t.precision > 38) unsupported(e);
  const limit = pow10Literal(t.precision);
  return strict(ctx, [e.left, e.right], ([a, b], out) => {
    const rescale = (x: string, from: number): string =>
      from === t.scale ? x : `(${x} * ${pow10Literal(t.scale - from)})`;
    const value =
      op === "*"
        ? `${a} * ${b}`
        : `${rescale(a as string, lt.scale)} ${op} ${rescale(b as string, rt.scale)}`;
    ctx.emit(`${out.v} = ${value};`);
    ctx.emit(
      `if (${out.v} >= ${limit} || ${out.v} <= -${limit}) { ${out.v} = R.arith(${meta}, ${a}, ${b}); ${out.n} = ${out.v} === null; }`,
    );
  });
}

/**
 * Arithmetic: the common case inline; every exceptional case (zero divisor, overflow)
 * calls the interpreter's `evalArithmetic` on the same operands, which raises the same
 * error (ANSI), returns null (TRY, LEGACY division) or wraps (LEGACY overflow).
 */
function emitArithmetic(e: Of<"BinaryArithmetic">, ctx: EmitContext): ExprCode {
  const t = dataTypeOf(e);
  const lt = dataTypeOf(e.left);
  const rt = dataTypeOf(e.right);
  const op = e.op;
  const meta = ctx.param({ op, lt, rt, result: t, mode: e.evalMode });
  if (t.kind === "decimal" || lt.kind === "decimal" || rt.kind === "decimal") {
    return emitDecimalArithmetic(e, ctx, meta);
  }
  return strict(ctx, [e.left, e.right], ([a, b], out) => {
    const slow = `{ ${out.v} = R.arith(${meta}, ${a}, ${b}); ${out.n} = ${out.v} === null; }`;
    if (isFloating(t)) {
      const fround = t.kind === "float" ? "Math.fround" : "";
      if (op === "/" || op === "%" || op === "pmod") {
        const body =
          op === "/"
            ? `${out.v} = ${fround}(${a} / ${b});`
            : op === "%"
              ? `${out.v} = ${fround}(${a} % ${b});`
              : `{ const r = ${a} % ${b}; ${out.v} = ${fround}(r < 0 ? (r + ${b}) % ${b} : r); }`;
        ctx.emit(`if (${b} === 0) ${slow} else ${body}`);
      } else if (op === "div") {
        unsupported(e);
      } else {
        ctx.emit(`${out.v} = ${fround}(${a} ${op} ${b});`);
      }
      return;
    }
    if (isBig(t) || op === "div") {
      if (t.kind !== "long") unsupported(e);
      const A = isBig(lt) ? a : `BigInt(${a})`;
      const B = isBig(rt) ? b : `BigInt(${b})`;
      const zero = isBig(rt) ? "0n" : "0";
      let body: string;
      if (op === "div" || op === "/") body = `${out.v} = ${A} / ${B};`;
      else if (op === "%") body = `${out.v} = ${A} % ${B};`;
      else if (op === "pmod")
        body = `{ const r = ${A} % ${B}; ${out.v} = r < 0n ? (r + ${B}) % ${B} : r; }`;
      else body = `${out.v} = ${A} ${op} ${B};`;
      const divides = op === "div" || op === "/" || op === "%" || op === "pmod";
      ctx.emit(divides ? `if (${b} === ${zero}) ${slow} else {` : "{");
      ctx.emit(`  ${body}`);
      ctx.emit(`  if (${out.v} !== BigInt.asIntN(64, ${out.v})) ${slow}`);
      ctx.emit("}");
      return;
    }
    const range = INT_RANGE[t.kind];
    if (range === undefined || op === "/") unsupported(e);
    const [lo, hi] = range as readonly [number, number];
    // `+ 0` turns JavaScript's -0 into 0: integers have no negative zero
    if (op === "%" || op === "pmod") {
      const body =
        op === "%"
          ? `${out.v} = (${a} % ${b}) + 0;`
          : `{ const r = ${a} % ${b}; ${out.v} = (r < 0 ? (r + ${b}) % ${b} : r) + 0; }`;
      ctx.emit(`if (${b} === 0) ${slow} else ${body}`);
      return;
    }
    ctx.emit(`${out.v} = ${a} ${op} ${b} + 0;`);
    ctx.emit(`if (${out.v} < ${lo} || ${out.v} > ${hi}) ${slow}`);
  });
}

function overflowCheck64(
  ctx: EmitContext,
  out: { v: string; n: string },
  mode: string,
  op: string,
): void {
  const bad = `(${out.v} !== BigInt.asIntN(64, ${out.v}))`;
  if (mode === "ANSI")
    ctx.emit(`if ${bad} R.overflow("long", ${JSON.stringify(TRY_NAMES[op] ?? "")});`);
  else if (mode === "TRY") ctx.emit(`if ${bad} ${out.n} = true;`);
  else ctx.emit(`${out.v} = BigInt.asIntN(64, ${out.v});`);
}

function isFloating(t: DataType): boolean {
  return t.kind === "double" || t.kind === "float";
}

function isLongBacked(t: DataType): boolean {
  return (
    t.kind === "long" ||
    t.kind === "timestamp" ||
    t.kind === "timestamp_ntz" ||
    t.kind === "daytime_interval"
  );
}

/**
 * A long column or non-null long literal as (high, unsigned low) 32-bit words, without
 * bigint; undefined for any other operand.
 */
function longWords(
  e: Expression,
  ctx: EmitContext,
): { hi: string; lo: string; isNull: string } | undefined {
  if (e.kind === "Literal") {
    if (typeof e.value !== "bigint") return undefined;
    const v = BigInt.asIntN(64, e.value);
    const hi = ctx.fresh("ph");
    const lo = ctx.fresh("pl");
    ctx.hoisted.push(
      `const ${hi} = ${ctx.param(Number(v >> 32n))}, ${lo} = ${ctx.param(Number(v & 0xffffffffn))};`,
    );
    return { hi, lo, isNull: "false" };
  }
  if (e.kind !== "AttributeReference") return undefined;
  const k = ctx.ordinals.get(e.exprId);
  if (k === undefined || !isLongBacked(ctx.inputTypes[k] as DataType)) return undefined;
  ctx.usedColumns.add(k);
  ctx.usedWords.add(k);
  const hi = ctx.fresh("h");
  const lo = ctx.fresh("l");
  const n = ctx.fresh("n");
  ctx.emit(`const ${n} = ${ctx.nullAt(k)};`);
  ctx.emit(`const ${hi} = C${k}w[2 * i + 1], ${lo} = C${k}w[2 * i] >>> 0;`);
  return { hi, lo, isNull: n };
}

/**
 * Comparisons of long columns and literals on their 32-bit words (signed high words,
 * then unsigned low words): exact for every value, and no bigint is read per row.
 */
function emitLongComparison(e: Of<"BinaryComparison">, ctx: EmitContext): ExprCode | undefined {
  if (e.op === "<=>" || !isLongBacked(dataTypeOf(e.left)) || !isLongBacked(dataTypeOf(e.right)))
    return undefined;
  if (e.left.kind !== "Literal" && e.left.kind !== "AttributeReference") return undefined;
  if (e.right.kind !== "Literal" && e.right.kind !== "AttributeReference") return undefined;
  if (e.left.kind === "Literal" && typeof e.left.value !== "bigint") return undefined;
  if (e.right.kind === "Literal" && typeof e.right.value !== "bigint") return undefined;
  const a = longWords(e.left, ctx);
  const b = longWords(e.right, ctx);
  if (a === undefined || b === undefined) return undefined;
  const eq = `(${a.hi} === ${b.hi} && ${a.lo} === ${b.lo})`;
  const strict = e.op === "<" || e.op === "<=" ? "<" : ">";
  const rel =
    e.op === "="
      ? eq
      : `(${a.hi} ${strict} ${b.hi} || (${a.hi} === ${b.hi} && ${a.lo} ${e.op} ${b.lo}))`;
  const v = ctx.fresh("v");
  const n = ctx.fresh("n");
  ctx.emit(`const ${n} = ${a.isNull} || ${b.isNull};`);
  ctx.emit(`const ${v} = !${n} && ${rel};`);
  return { value: v, isNull: n };
}

function emitComparison(e: Of<"BinaryComparison">, ctx: EmitContext): ExprCode {
  const words = emitLongComparison(e, ctx);
  if (words !== undefined) return words;
  const t = dataTypeOf(e.left);
  const simple =
    t.kind !== "binary" && t.kind !== "array" && t.kind !== "struct" && t.kind !== "map";
  if (!simple) unsupported(e);
  const cmp = (a: string, b: string): string => {
    if (isFloating(t)) {
      const c = `R.cmpDouble(${a}, ${b})`;
      const op = e.op === "=" || e.op === "<=>" ? "===" : e.op;
      return `(${c} ${op} 0)`;
    }
    const op = e.op === "=" || e.op === "<=>" ? "===" : e.op;
    // strings order by code point (their UTF-8 bytes), not by JS's UTF-16 code units
    if (t.kind === "string" && op !== "===") return `(R.compareStrings(${a}, ${b}) ${op} 0)`;
    return `(${a} ${op} ${b})`;
  };
  if (e.op === "<=>") {
    const l = emitExpr(e.left, ctx);
    const r = emitExpr(e.right, ctx);
    const v = ctx.fresh("v");
    ctx.emit(
      `const ${v} = ${l.isNull} || ${r.isNull} ? (${l.isNull} && ${r.isNull}) : ${cmp(l.value, r.value)};`,
    );
    return { value: v, isNull: "false" };
  }
  return strict(ctx, [e.left, e.right], ([a, b], out) => {
    ctx.emit(`${out.v} = ${cmp(a as string, b as string)};`);
  });
}

/** Lazy evaluation of `e` inside an `if (cond) { ... }` block, into `out`. */
function emitInto(ctx: EmitContext, e: Expression, out: { v: string; n: string }): string[] {
  const { lines, result } = ctx.nested(() => emitExpr(e, ctx));
  return [...lines, `${out.v} = ${result.value}; ${out.n} = ${result.isNull};`];
}

function block(ctx: EmitContext, head: string, body: readonly string[], tail = "}"): void {
  ctx.emit(head);
  for (const l of body) ctx.emit(`  ${l}`);
  ctx.emit(tail);
}

function emitAndOr(e: Of<"And"> | Of<"Or">, ctx: EmitContext): ExprCode {
  // AND: false if either is false; null if either is null; else true. OR symmetric.
  const isAnd = e.kind === "And";
  const l = emitExpr(e.left, ctx);
  const out = ctx.declare(isAnd ? "false" : "true");
  const decided = isAnd ? `(!${l.isNull} && !${l.value})` : `(!${l.isNull} && ${l.value})`;
  const r = ctx.nested(() => emitExpr(e.right, ctx));
  const rv = r.result;
  const finish = isAnd
    ? [
        `if (!${rv.isNull} && !${rv.value}) { ${out.v} = false; ${out.n} = false; }`,
        `else if (${l.isNull} || ${rv.isNull}) { ${out.n} = true; }`,
        `else { ${out.v} = true; ${out.n} = false; }`,
      ]
    : [
        `if (!${rv.isNull} && ${rv.value}) { ${out.v} = true; ${out.n} = false; }`,
        `else if (${l.isNull} || ${rv.isNull}) { ${out.n} = true; }`,
        `else { ${out.v} = false; ${out.n} = false; }`,
      ];
  block(ctx, `if (${decided}) { ${out.n} = false; } else {`, [...r.lines, ...finish]);
  return { value: out.v, isNull: out.n };
}

function emitCast(e: Of<"Cast">, ctx: EmitContext): ExprCode {
  const from = dataTypeOf(e.child);
  const to = e.dataType;
  // same kind is the same type only for flat types (array<string> -> array<int> is not)
  if (from.kind === to.kind && sameType(from, to)) return emitExpr(e.child, ctx);
  const ansi = e.evalMode === "ANSI";
  const toName = simpleString(to).toUpperCase();
  const fromName = simpleString(from).toUpperCase();
  if (from.kind === "null") {
    const v = ctx.fresh("v");
    ctx.emit(`const ${v} = null;`);
    return { value: v, isNull: "true" };
  }
  const intRange = INT_RANGE[to.kind];
  return strict(ctx, [e.child], ([a], out) => {
    const x = a as string;
    if (to.kind === "string") {
      // timestamps and intervals print through the interpreter (zone, Spark's format)
      if (isIntegral(from)) ctx.emit(`${out.v} = String(${x});`);
      else if (isFloating(from)) ctx.emit(`${out.v} = R.doubleToString(${x});`);
      else if (from.kind === "boolean") ctx.emit(`${out.v} = ${x} ? "true" : "false";`);
      else unsupported(e);
      return;
    }
    if (from.kind === "string") {
      if (to.kind === "long") {
        ctx.emit(`${out.v} = R.parseIntegral(${x}, 64, ${ansi}, "BIGINT");`);
      } else if (intRange !== undefined && to.kind !== "date" && to.kind !== "yearmonth_interval") {
        const bits = to.kind === "byte" ? 8 : to.kind === "short" ? 16 : 32;
        ctx.emit(`${out.v} = R.parseIntegral(${x}, ${bits}, ${ansi}, ${JSON.stringify(toName)});`);
      } else if (isFloating(to)) {
        ctx.emit(`${out.v} = R.parseDouble(${x}, ${ansi}, ${JSON.stringify(toName)});`);
        if (to.kind === "float")
          ctx.emit(`if (${out.v} !== null) ${out.v} = Math.fround(${out.v});`);
      } else if (to.kind === "boolean") {
        ctx.emit(`{ const s = ${x}.trim().toLowerCase();`);
        ctx.emit(
          `  ${out.v} = s === "true" || s === "t" || s === "y" || s === "yes" || s === "1" ? true : s === "false" || s === "f" || s === "n" || s === "no" || s === "0" ? false : null; }`,
        );
        if (ansi) ctx.emit(`if (${out.v} === null) R.castInvalid(${x}, "STRING", "BOOLEAN");`);
      } else {
        unsupported(e);
      }
      ctx.emit(`if (${out.v} === null) ${out.n} = true;`);
      return;
    }
    if (isBig(to) && to.kind === "long") {
      if (isIntegral(from) && !isBig(from)) ctx.emit(`${out.v} = BigInt(${x});`);
      else if (isFloating(from)) {
        ctx.emit(
          `if (!Number.isFinite(${x}) || ${x} >= 9223372036854775808 || ${x} < -9223372036854775808) {`,
        );
        ctx.emit(
          ansi
            ? `  R.castOverflow(String(${x}), ${JSON.stringify(fromName)}, "BIGINT");`
            : `  ${out.v} = Number.isNaN(${x}) ? 0n : ${x} > 0 ? 9223372036854775807n : -9223372036854775808n;`,
        );
        ctx.emit(`} else ${out.v} = BigInt(Math.trunc(${x}));`);
      } else if (from.kind === "boolean") ctx.emit(`${out.v} = ${x} ? 1n : 0n;`);
      else unsupported(e);
      return;
    }
    if (
      intRange !== undefined &&
      (to.kind === "byte" || to.kind === "short" || to.kind === "integer")
    ) {
      const [lo, hi] = intRange;
      const wrap = WRAP[to.kind] as (s: string) => string;
      let num: string;
      if (isBig(from)) num = `Number(BigInt.asIntN(32, ${x}))`;
      else if (isIntegral(from)) num = x;
      else if (isFloating(from)) num = `Math.trunc(${x})`;
      else if (from.kind === "boolean") {
        ctx.emit(`${out.v} = ${x} ? 1 : 0;`);
        return;
      } else return unsupported(e);
      const exact = isBig(from)
        ? `(${x} < ${lo}n || ${x} > ${hi}n)`
        : `!(${num} >= ${lo} && ${num} <= ${hi})`;
      if (ansi) {
        ctx.emit(
          `if (${exact}) R.castOverflow(String(${x}), ${JSON.stringify(fromName)}, ${JSON.stringify(toName)});`,
        );
        ctx.emit(`${out.v} = ${num};`);
      } else if (isFloating(from)) {
        ctx.emit(
          `${out.v} = Number.isNaN(${x}) ? 0 : ${x} >= ${hi} ? ${hi} : ${x} <= ${lo} ? ${lo} : ${num};`,
        );
        if (to.kind !== "integer") ctx.emit(`${out.v} = ${wrap(out.v)};`);
      } else {
        ctx.emit(`${out.v} = ${wrap(num)};`);
      }
      return;
    }
    if (isFloating(to)) {
      const f = to.kind === "float" ? "Math.fround" : "";
      if (isBig(from) || isIntegral(from) || isFloating(from))
        ctx.emit(`${out.v} = ${f}(Number(${x}));`);
      else if (from.kind === "boolean") ctx.emit(`${out.v} = ${x} ? 1 : 0;`);
      else unsupported(e);
      return;
    }
    if (to.kind === "boolean") {
      if (isBig(from)) ctx.emit(`${out.v} = ${x} !== 0n;`);
      else if (isIntegral(from) || isFloating(from)) ctx.emit(`${out.v} = ${x} !== 0;`);
      else unsupported(e);
      return;
    }
    unsupported(e);
  });
}

const EMITTERS: { readonly [K in ExpressionKind]: Emitter<K> } = {
  Literal: (e, ctx) => {
    if (e.value === null || e.value === undefined) return { value: "null", isNull: "true" };
    const v = ctx.fresh("v");
    ctx.emit(`const ${v} = ${ctx.param(e.value)};`);
    return { value: v, isNull: "false" };
  },
  AttributeReference: attribute,
  BoundReference: (e, ctx) => {
    ctx.usedColumns.add(e.ordinal);
    const v = ctx.fresh("v");
    const n = ctx.fresh("n");
    const k = e.ordinal;
    ctx.emit(`const ${n} = ${ctx.nullAt(k)};`);
    ctx.emit(`const ${v} = ${n} ? ${defaultOf(e.dataType)} : ${readColumn(k, e.dataType)};`);
    return { value: v, isNull: n };
  },
  OuterReference: unsupported,
  NamedLambdaVariable: unsupported,
  UnresolvedAttribute: unsupported,
  UnresolvedStar: unsupported,
  UnresolvedFunction: unsupported,
  UnresolvedAlias: unsupported,
  UnresolvedExtractValue: unsupported,
  UnresolvedNamedLambdaVariable: unsupported,
  Parameter: unsupported,
  Alias: (e, ctx) => emitExpr(e.child, ctx),
  BinaryArithmetic: emitArithmetic,
  UnaryMinus: (e, ctx) => {
    const t = dataTypeOf(e);
    if (t.kind === "decimal") unsupported(e);
    return strict(ctx, [e.child], ([a], out) => {
      ctx.emit(isFloating(t) || isBig(t) ? `${out.v} = -${a};` : `${out.v} = -${a} + 0;`);
      if (isBig(t)) overflowCheck64(ctx, out, e.evalMode, "-");
      else if (INT_RANGE[t.kind] !== undefined) {
        const [lo, hi] = INT_RANGE[t.kind] as readonly [number, number];
        if (e.evalMode === "ANSI") {
          ctx.emit(
            `if (${out.v} < ${lo} || ${out.v} > ${hi}) R.overflow(${JSON.stringify(simpleString(t))}, "");`,
          );
        } else ctx.emit(`${out.v} = ${(WRAP[t.kind] ?? ((x: string) => x))(out.v)};`);
      } else if (!isFloating(t)) unsupported(e);
    });
  },
  BinaryComparison: emitComparison,
  And: emitAndOr,
  Or: emitAndOr,
  Not: (e, ctx) => strict(ctx, [e.child], ([a], out) => ctx.emit(`${out.v} = !${a};`)),
  IsNull: (e, ctx) => {
    const c = emitExpr(e.child, ctx);
    return { value: `(${c.isNull})`, isNull: "false" };
  },
  IsNotNull: (e, ctx) => {
    const c = emitExpr(e.child, ctx);
    return { value: `(!${c.isNull})`, isNull: "false" };
  },
  In: (e, ctx) => {
    const t = dataTypeOf(e.value);
    if (t.kind === "binary" || t.kind === "array" || t.kind === "struct" || t.kind === "map")
      unsupported(e);
    const val = emitExpr(e.value, ctx);
    const out = ctx.declare("false");
    const body: string[] = [`${out.n} = false;`, `let sawNull = false;`];
    for (const item of e.list) {
      const { lines, result } = ctx.nested(() => emitExpr(item, ctx));
      const eq = isFloating(t)
        ? `R.cmpDouble(${val.value}, ${result.value}) === 0`
        : `${val.value} === ${result.value}`;
      body.push(`if (!${out.v}) {`, ...lines.map((l) => `  ${l}`));
      body.push(`  if (${result.isNull}) sawNull = true; else if (${eq}) ${out.v} = true;`, "}");
    }
    body.push(`if (!${out.v} && sawNull) ${out.n} = true;`);
    block(ctx, `if (!${val.isNull}) {`, body);
    return { value: out.v, isNull: out.n };
  },
  InSet: (e, ctx) => {
    const t = dataTypeOf(e.child);
    if (t.kind === "binary" || t.kind === "array" || t.kind === "struct" || t.kind === "map")
      unsupported(e);
    const set = ctx.param(new Set(e.values));
    return strict(ctx, [e.child], ([a], out) => {
      ctx.emit(`${out.v} = ${set}.has(${a});`);
      if (e.hasNull) ctx.emit(`if (!${out.v}) ${out.n} = true;`);
    });
  },
  Like: unsupported,
  RLike: unsupported,
  CaseWhen: (e, ctx) => {
    const out = ctx.declare(defaultOf(dataTypeOf(e)));
    const done = ctx.fresh("d");
    ctx.emit(`let ${done} = false;`);
    for (const [cond, value] of e.branches) {
      const c = ctx.nested(() => emitExpr(cond, ctx));
      const body = [
        ...c.lines,
        `if (!${c.result.isNull} && ${c.result.value}) {`,
        ...emitInto(ctx, value, out).map((l) => `  ${l}`),
        `  ${done} = true;`,
        "}",
      ];
      block(ctx, `if (!${done}) {`, body);
    }
    if (e.elseValue) block(ctx, `if (!${done}) {`, emitInto(ctx, e.elseValue, out));
    return { value: out.v, isNull: out.n };
  },
  If: (e, ctx) => {
    const out = ctx.declare(defaultOf(dataTypeOf(e)));
    const c = emitExpr(e.predicate, ctx);
    block(ctx, `if (!${c.isNull} && ${c.value}) {`, emitInto(ctx, e.trueValue, out), "} else {");
    for (const l of emitInto(ctx, e.falseValue, out)) ctx.emit(`  ${l}`);
    ctx.emit("}");
    return { value: out.v, isNull: out.n };
  },
  Coalesce: (e, ctx) => {
    const out = ctx.declare(defaultOf(dataTypeOf(e)));
    for (const child of e.children) block(ctx, `if (${out.n}) {`, emitInto(ctx, child, out));
    return { value: out.v, isNull: out.n };
  },
  Cast: emitCast,
  SortOrder: (e, ctx) => emitExpr(e.child, ctx),
  GetStructField: (e, ctx) =>
    strict(ctx, [e.child], ([a], out) => {
      ctx.emit(`${out.v} = ${a}[${e.ordinal}];`);
      ctx.emit(`if (${out.v} === null) ${out.n} = true;`);
    }),
  GetArrayItem: unsupported,
  GetMapValue: unsupported,
  ScalarFunction: unsupported,
  LambdaFunction: unsupported,
  AggregateFunction: unsupported,
  AggregateExpression: unsupported,
  WindowFunction: unsupported,
  WindowExpression: unsupported,
  WindowSpec: unsupported,
  FrameBoundary: unsupported,
  Generator: unsupported,
  ScalarSubquery: unsupported,
  Exists: unsupported,
  InSubquery: unsupported,
  ListQuery: unsupported,
};

/**
 * Emits `e`; a subtree the emitters do not cover (registry functions, decimal arithmetic,
 * datetime casts, ...) becomes a call of the interpreted evaluator on the values of the
 * columns it reads, so a pipeline always compiles and both paths share one semantics.
 */
export function emitExpr(e: Expression, ctx: EmitContext): ExprCode {
  if (ctx.interpretAll && e.kind !== "AttributeReference") return emitInterpreted(e, ctx);
  const mark = ctx.lines.length;
  try {
    return (EMITTERS[e.kind] as Emitter<typeof e.kind>)(e as never, ctx);
  } catch (err) {
    if (!(err instanceof CodegenUnsupportedError) || !ctx.interpretedFallback) throw err;
    ctx.lines.length = mark;
    return emitInterpreted(e, ctx);
  }
}

/** `R.interp(bound expression, row of the columns it reads)`; the row array is reused. */
export function emitInterpreted(e: Expression, ctx: EmitContext): ExprCode {
  const attrs: AttributeReference[] = [];
  const bound = transformUp(e, (x) => {
    if (x.kind !== "AttributeReference") return undefined;
    let i = attrs.findIndex((a) => a.exprId === x.exprId);
    if (i < 0) {
      i = attrs.length;
      attrs.push(x);
    }
    return { kind: "BoundReference", ordinal: i, dataType: x.dataType, nullable: x.nullable };
  });
  const codes = attrs.map((a) => attribute(a, ctx));
  const row = ctx.fresh("row");
  ctx.emit(`const ${row} = ${ctx.param(new Array<unknown>(attrs.length))};`);
  codes.forEach((c, i) => {
    ctx.emit(`${row}[${i}] = ${c.isNull} ? null : ${c.value};`);
  });
  const v = ctx.fresh("v");
  const n = ctx.fresh("n");
  ctx.emit(`const ${v} = R.interp(${ctx.param(bound)}, ${row});`);
  ctx.emit(`const ${n} = ${v} === null;`);
  return { value: v, isNull: n };
}
