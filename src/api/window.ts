/** `Window.partitionBy(...).orderBy(...).rowsBetween(...)`, as in PySpark. */
import type { FrameBoundary, WindowSpec } from "../catalyst/expressions/expression.ts";
import { literal } from "../catalyst/expressions/factories.ts";
import { LongT } from "../types/data-types.ts";
import { type Column, colExpr, toSortOrder } from "./column.ts";

const f = Object.freeze;

const UNBOUNDED_PRECEDING = -(2n ** 63n);
const UNBOUNDED_FOLLOWING = 2n ** 63n - 1n;

function boundary(v: bigint | number): FrameBoundary {
  const n = BigInt(v);
  if (n <= UNBOUNDED_PRECEDING)
    return f({ kind: "FrameBoundary", type: "UNBOUNDED PRECEDING", offset: null });
  if (n >= UNBOUNDED_FOLLOWING)
    return f({ kind: "FrameBoundary", type: "UNBOUNDED FOLLOWING", offset: null });
  if (n === 0n) return f({ kind: "FrameBoundary", type: "CURRENT ROW", offset: null });
  return f({ kind: "FrameBoundary", type: "OFFSET", offset: literal(n, LongT) });
}

/** An immutable window specification; every method returns a new one. */
export class WindowSpecBuilder {
  readonly spec: WindowSpec;

  constructor(spec: WindowSpec) {
    this.spec = spec;
  }

  partitionBy(...cols: (Column | string)[]): WindowSpecBuilder {
    return new WindowSpecBuilder(f({ ...this.spec, partitionSpec: f(cols.map(colExpr)) }));
  }

  orderBy(...cols: (Column | string)[]): WindowSpecBuilder {
    return new WindowSpecBuilder(f({ ...this.spec, orderSpec: f(cols.map(toSortOrder)) }));
  }

  rowsBetween(start: bigint | number, end: bigint | number): WindowSpecBuilder {
    return new WindowSpecBuilder(
      f({
        ...this.spec,
        frame: f({ frameType: "ROWS", lower: boundary(start), upper: boundary(end) }),
      }),
    );
  }

  rangeBetween(start: bigint | number, end: bigint | number): WindowSpecBuilder {
    return new WindowSpecBuilder(
      f({
        ...this.spec,
        frame: f({ frameType: "RANGE", lower: boundary(start), upper: boundary(end) }),
      }),
    );
  }
}

const EMPTY: WindowSpec = f({ kind: "WindowSpec", partitionSpec: [], orderSpec: [], frame: null });

export const Window = f({
  unboundedPreceding: UNBOUNDED_PRECEDING,
  unboundedFollowing: UNBOUNDED_FOLLOWING,
  currentRow: 0n,
  partitionBy: (...cols: (Column | string)[]): WindowSpecBuilder =>
    new WindowSpecBuilder(EMPTY).partitionBy(...cols),
  orderBy: (...cols: (Column | string)[]): WindowSpecBuilder =>
    new WindowSpecBuilder(EMPTY).orderBy(...cols),
  rowsBetween: (start: bigint | number, end: bigint | number): WindowSpecBuilder =>
    new WindowSpecBuilder(EMPTY).rowsBetween(start, end),
  rangeBetween: (start: bigint | number, end: bigint | number): WindowSpecBuilder =>
    new WindowSpecBuilder(EMPTY).rangeBetween(start, end),
});
