/**
 * Frozen factories for the unresolved nodes the parser builds that the shared factory
 * files do not cover (stars, extractions, windows, subqueries, hints, CTEs, ...).
 */
import type {
  Cast,
  EvalMode,
  Exists,
  Expression,
  FrameBoundary,
  FrameType,
  InSubquery,
  LambdaFunction,
  ListQuery,
  Origin,
  Parameter,
  ScalarSubquery,
  SortOrder,
  UnresolvedAlias,
  UnresolvedAttribute,
  UnresolvedExtractValue,
  UnresolvedFunction,
  UnresolvedNamedLambdaVariable,
  UnresolvedStar,
  WindowExpression,
  WindowSpec,
} from "../catalyst/expressions/expression.ts";
import { attribute, newExprId } from "../catalyst/expressions/factories.ts";
import type {
  CteDef,
  Except,
  Generate,
  GlobalLimit,
  Intersect,
  LocalLimit,
  LogicalPlan,
  Offset,
  Sample,
  UnresolvedHint,
  WithCte,
} from "../catalyst/plans/logical-plan.ts";
import { type DataType, NullT } from "../types/data-types.ts";

const f = Object.freeze;

export function attr(nameParts: readonly string[], origin?: Origin): UnresolvedAttribute {
  return f({ kind: "UnresolvedAttribute", nameParts: f([...nameParts]), origin });
}

export function star(target: readonly string[] | null): UnresolvedStar {
  return f({ kind: "UnresolvedStar", target: target ? f([...target]) : null });
}

export function fn(
  nameParts: readonly string[],
  args: readonly Expression[],
  opts: {
    readonly isDistinct?: boolean;
    readonly filter?: Expression | null;
    readonly ignoreNulls?: boolean;
    readonly origin?: Origin | undefined;
  } = {},
): UnresolvedFunction {
  return f({
    kind: "UnresolvedFunction",
    nameParts: f([...nameParts]),
    args: f([...args]),
    isDistinct: opts.isDistinct ?? false,
    filter: opts.filter ?? null,
    ignoreNulls: opts.ignoreNulls ?? false,
    origin: opts.origin,
  });
}

export function unresolvedAlias(child: Expression): UnresolvedAlias {
  return f({ kind: "UnresolvedAlias", child });
}

export function extractValue(child: Expression, extraction: Expression): UnresolvedExtractValue {
  return f({ kind: "UnresolvedExtractValue", child, extraction });
}

export function lambdaVar(name: string): UnresolvedNamedLambdaVariable {
  return f({ kind: "UnresolvedNamedLambdaVariable", nameParts: f([name]) });
}

export function lambda(
  params: readonly UnresolvedNamedLambdaVariable[],
  body: Expression,
): LambdaFunction {
  return f({ kind: "LambdaFunction", body, params: f([...params]) });
}

export function parameter(name: string | null, position: number | null): Parameter {
  return f({ kind: "Parameter", name, position });
}

export function castWithOrigin(
  child: Expression,
  dataType: DataType,
  evalMode: EvalMode,
  origin: Origin,
): Cast {
  return f({ kind: "Cast", child, dataType, evalMode, timeZoneId: null, origin });
}

export function frameBoundary(
  type: FrameBoundary["type"],
  offset: Expression | null,
): FrameBoundary {
  return f({ kind: "FrameBoundary", type, offset });
}

export function windowSpec(
  partitionSpec: readonly Expression[],
  orderSpec: readonly SortOrder[],
  frame: { frameType: FrameType; lower: FrameBoundary; upper: FrameBoundary } | null,
): WindowSpec {
  return f({
    kind: "WindowSpec",
    partitionSpec: f([...partitionSpec]),
    orderSpec: f([...orderSpec]),
    frame: frame ? f(frame) : null,
  });
}

export function windowExpression(fnExpr: Expression, spec: WindowSpec): WindowExpression {
  return f({ kind: "WindowExpression", fn: fnExpr, spec });
}

export function scalarSubquery(plan: LogicalPlan): ScalarSubquery {
  return f({ kind: "ScalarSubquery", plan, outerAttrs: f([]), exprId: newExprId() });
}

export function exists(plan: LogicalPlan): Exists {
  return f({ kind: "Exists", plan, outerAttrs: f([]), exprId: newExprId() });
}

export function inSubquery(values: readonly Expression[], plan: LogicalPlan): InSubquery {
  const query: ListQuery = f({
    kind: "ListQuery",
    plan,
    outerAttrs: f([]),
    exprId: newExprId(),
    numCols: -1,
  });
  return f({ kind: "InSubquery", values: f([...values]), query });
}

// ---------------------------------------------------------------------------------------
// Plans

/** `LIMIT e`: GlobalLimit over LocalLimit, as Spark's `Limit(e, child)`. */
export function limitExpr(limit: Expression, child: LogicalPlan): GlobalLimit {
  const local: LocalLimit = f({ kind: "LocalLimit", limit, child });
  return f({ kind: "GlobalLimit", limit, child: local });
}

export function offsetExpr(offset: Expression, child: LogicalPlan): Offset {
  return f({ kind: "Offset", offset, child });
}

export function intersect(left: LogicalPlan, right: LogicalPlan, isAll: boolean): Intersect {
  return f({ kind: "Intersect", left, right, isAll });
}

export function except(left: LogicalPlan, right: LogicalPlan, isAll: boolean): Except {
  return f({ kind: "Except", left, right, isAll });
}

export function hint(
  name: string,
  parameters: readonly Expression[],
  child: LogicalPlan,
): UnresolvedHint {
  return f({ kind: "UnresolvedHint", name, parameters: f([...parameters]), child });
}

export function withCte(ctes: readonly CteDef[], child: LogicalPlan): WithCte {
  return f({ kind: "WithCte", ctes: f(ctes.map((c) => f({ ...c }))), child });
}

export function sample(
  lowerBound: number,
  upperBound: number,
  withReplacement: boolean,
  seed: number,
  child: LogicalPlan,
): Sample {
  return f({ kind: "Sample", lowerBound, upperBound, withReplacement, seed, child });
}

/**
 * A generator joined with its input (`LATERAL VIEW`, or a generator in FROM over a
 * one-row relation). The output types are not known before analysis: the names given
 * with `AS a, b` become placeholder attributes of type null in `generatorOutput` (empty
 * when no names are given), for the analyzer to retype.
 */
export function generate(
  generator: Expression,
  outer: boolean,
  qualifier: string | null,
  outputNames: readonly string[],
  child: LogicalPlan,
): Generate {
  return f({
    kind: "Generate",
    generator,
    unrequiredChildIndex: f([]),
    outer,
    qualifier,
    generatorOutput: f(outputNames.map((n) => attribute(n, NullT))),
    child,
  });
}
