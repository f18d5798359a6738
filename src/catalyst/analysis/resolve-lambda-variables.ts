/**
 * Lambda functions of higher-order functions (`transform(xs, x -> x + 1)`).
 *
 * 1. `bindLambdaNames` (run by ResolveReferences before columns) turns names in a lambda
 *    body that are the lambda's parameters into `UnresolvedNamedLambdaVariable`s, so a
 *    parameter shadows a column of the same name.
 * 2. ResolveLambdaVariables: once the function's other arguments are resolved, each
 *    parameter gets its type from them, as Spark's higher-order functions bind:
 *      array functions  (transform, filter, exists, forall, ...)  element, index (int)
 *      array_sort comparator                                     element, element
 *      map functions    (map_filter, transform_keys/values, ...) key, value
 *      map_zip_with                                              key, value1, value2
 *      zip_with                                                  element1, element2
 *      aggregate / reduce                                        zero's type, element; finish: zero's type
 *    and the body's variables become `NamedLambdaVariable`s (`lambda x#9`). The call
 *    itself is then bound by ResolveFunctions like any other.
 */
import { type DataType, IntegerT, NullT } from "../../types/data-types.ts";
import type {
  Expression,
  LambdaFunction,
  NamedLambdaVariable,
  UnresolvedFunction,
} from "../expressions/expression.ts";
import { newExprId } from "../expressions/factories.ts";
import { dataTypeOf, isResolved } from "../expressions/typing.ts";
import { transformDown, transformUp } from "../trees/expression-tree.ts";
import { transformAllExpressionsUp } from "../trees/plan-tree.ts";
import { resolverFor } from "./context.ts";
import { extractFields, type NameEq } from "./resolve-names.ts";
import type { AnalyzerRule } from "./rule.ts";

function paramName(p: LambdaFunction["params"][number]): string {
  return p.kind === "NamedLambdaVariable" ? p.name : (p.nameParts[0] ?? "");
}

/** Marks names of lambda parameters in lambda bodies as lambda variables. */
export function bindLambdaNames(e: Expression, eq: NameEq): Expression {
  return transformDown(e, (x) => {
    if (x.kind !== "LambdaFunction" || x.params.every((p) => p.kind === "NamedLambdaVariable")) {
      return undefined;
    }
    const names = x.params.map(paramName);
    const body = transformUp(x.body, (y) =>
      y.kind === "UnresolvedAttribute" && names.some((n) => eq(n, y.nameParts[0] ?? ""))
        ? Object.freeze({ kind: "UnresolvedNamedLambdaVariable", nameParts: y.nameParts })
        : undefined,
    );
    return body === x.body ? undefined : Object.freeze({ ...x, body });
  });
}

function elementType(t: DataType): DataType {
  return t.kind === "array" ? t.elementType : NullT;
}

/** The parameter types of each lambda argument, by Spark's higher-order function shapes. */
function lambdaParamTypes(
  name: string,
  args: readonly Expression[],
  index: number,
  arity: number,
): DataType[] {
  const types = args.map((a) => (a.kind === "LambdaFunction" ? NullT : dataTypeOf(a)));
  const first = types[0] ?? NullT;
  switch (name) {
    case "aggregate":
    case "reduce": {
      const zero = types[1] ?? NullT;
      return index === 2 ? [zero, elementType(first)] : [zero];
    }
    case "zip_with":
      return [elementType(first), elementType(types[1] ?? NullT)];
    case "map_zip_with":
      return first.kind === "map" && types[1]?.kind === "map"
        ? [first.keyType, first.valueType, types[1].valueType]
        : [];
    case "array_sort":
      return [elementType(first), elementType(first)];
    default:
      if (first.kind === "map") return [first.keyType, first.valueType];
      if (first.kind === "array")
        return arity >= 2 ? [first.elementType, IntegerT] : [first.elementType];
      return [];
  }
}

function bindLambda(l: LambdaFunction, types: readonly DataType[], eq: NameEq): LambdaFunction {
  const vars: NamedLambdaVariable[] = l.params.map((p, i) =>
    p.kind === "NamedLambdaVariable"
      ? p
      : Object.freeze({
          kind: "NamedLambdaVariable",
          name: paramName(p),
          dataType: types[i] ?? NullT,
          nullable: true,
          exprId: newExprId(),
        }),
  );
  const body = transformUp(l.body, (y) => {
    if (y.kind !== "UnresolvedNamedLambdaVariable") return undefined;
    const v = vars.find((x) => eq(x.name, y.nameParts[0] ?? ""));
    if (!v) return undefined;
    return y.nameParts.length === 1 ? v : extractFields(v, y.nameParts.slice(1), eq);
  });
  return Object.freeze({ ...l, params: Object.freeze(vars), body });
}

function resolveLambdas(f: UnresolvedFunction, eq: NameEq): Expression | undefined {
  const lambdas = f.args.filter((a): a is LambdaFunction => a.kind === "LambdaFunction");
  if (lambdas.length === 0) return undefined;
  if (lambdas.every((l) => l.params.every((p) => p.kind === "NamedLambdaVariable")))
    return undefined;
  if (!f.args.every((a) => a.kind === "LambdaFunction" || isResolved(a))) return undefined;
  const name = (f.nameParts[f.nameParts.length - 1] ?? "").toLowerCase();
  const args = f.args.map((a, i) =>
    a.kind === "LambdaFunction"
      ? bindLambda(a, lambdaParamTypes(name, f.args, i, a.params.length), eq)
      : a,
  );
  return Object.freeze({ ...f, args: Object.freeze(args) });
}

export const ResolveLambdaVariables: AnalyzerRule = {
  name: "ResolveLambdaVariables",
  apply: (plan, ctx) => {
    const eq = resolverFor(ctx.config);
    return transformAllExpressionsUp(plan, (e) =>
      e.kind === "UnresolvedFunction" ? resolveLambdas(e, eq) : undefined,
    );
  },
};
