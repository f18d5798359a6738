/**
 * Test support for analyzer rules: a session with temp views over small local relations
 * (`t(a int, b string, c double, salary bigint)`, `emp(country string, salary int,
 * name string)`, `s(st struct<x: int, y: struct<z: string>>, xs array<int>, m map<string, int>)`), and a tiny
 * function registry of our own (the real library lives in src/catalyst/functions/).
 */
import { FlintError } from "../../../errors/index.ts";
import {
  arrayType,
  BooleanT,
  type DataType,
  DateT,
  DoubleT,
  IntegerT,
  isNumeric,
  LongT,
  mapType,
  StringT,
  simpleString,
  structField,
  structType,
} from "../../../types/data-types.ts";
import {
  type FunctionDef,
  FunctionRegistry,
  type ScalarFunctionDef,
  type TypeCheckFailure,
} from "../../catalog/function-registry.ts";
import { SessionCatalog } from "../../catalog/session-catalog.ts";
import type { Expression } from "../../expressions/expression.ts";
import { attribute, unresolvedAttribute, unresolvedFunction } from "../../expressions/factories.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { localRelation, unresolvedRelation } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { treeString } from "../../plans/tree-string.ts";
import { analyze } from "../analyzer.ts";
import { type AnalyzerContext, DEFAULT_ANALYZER_CONFIG } from "../context.ts";
import { toSqlExpr, toSqlType } from "../pretty-sql.ts";
import { implicitCast } from "../type-coercion/common-type.ts";

const info = { usage: "test", group: "test" };

function unexpectedType(args: readonly Expression[], required: string): TypeCheckFailure {
  const a = args[0] as Expression;
  return {
    failure: true,
    errorClass: "UNEXPECTED_INPUT_TYPE",
    messageParameters: {
      paramIndex: "first",
      requiredType: required,
      inputSql: toSqlExpr(a),
      inputType: toSqlType(dataTypeOf(a)),
    },
  };
}

function scalar(
  name: string,
  result: (ts: DataType[]) => DataType,
  min = 1,
  max = 1,
  deterministic = true,
): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info,
    minArgs: min,
    maxArgs: max,
    bind: (args) => ({
      kind: "ScalarFunction",
      name,
      args,
      dataType: result(args.map(dataTypeOf)),
      nullable: true,
      deterministic,
      options: {},
    }),
    eval: () => null,
  };
}

function agg(
  name: string,
  result: (t: DataType | undefined) => DataType,
  numericOnly = false,
): FunctionDef {
  return {
    kind: "aggregate",
    name,
    info,
    minArgs: 1,
    maxArgs: 1,
    bind: (args) => {
      const t = args[0] ? dataTypeOf(args[0]) : undefined;
      let a = args;
      if (numericOnly && t && !isNumeric(t)) {
        if (t.kind !== "string") return unexpectedType(args, '"NUMERIC"');
        a = [implicitCast(args[0] as Expression, DoubleT)];
      }
      const at = a[0] ? dataTypeOf(a[0]) : undefined;
      return {
        kind: "AggregateFunction",
        name,
        args: a,
        dataType: result(at),
        nullable: name !== "count",
        options: {},
      };
    },
    bufferTypes: (fn) => [fn.dataType],
  };
}

export const TEST_FUNCTIONS: readonly FunctionDef[] = [
  {
    kind: "generator",
    name: "posexplode",
    info,
    minArgs: 1,
    maxArgs: 1,
    bind: (args) => {
      const t = dataTypeOf(args[0] as Expression);
      if (t.kind !== "array") return unexpectedType(args, '"ARRAY"');
      return {
        kind: "Generator",
        name: "posexplode",
        args,
        elementSchema: [
          { name: "pos", dataType: IntegerT, nullable: false },
          { name: "col", dataType: t.elementType, nullable: t.containsNull },
        ],
      };
    },
  },
  {
    ...scalar("upper", () => StringT),
    bind: (args) => ({
      kind: "ScalarFunction",
      name: "upper",
      args: args.map((a) => implicitCast(a, StringT)),
      dataType: StringT,
      nullable: true,
      deterministic: true,
      options: {},
    }),
  },
  {
    ...scalar("abs", (ts) => ts[0] ?? DoubleT),
    bind: (args) => {
      const t = dataTypeOf(args[0] as Expression);
      if (!isNumeric(t)) return unexpectedType(args, '"NUMERIC"');
      return {
        kind: "ScalarFunction",
        name: "abs",
        args,
        dataType: t,
        nullable: true,
        deterministic: true,
        options: {},
      };
    },
  },
  scalar("array", (ts) => arrayType(ts[0] ?? IntegerT), 0, 100),
  scalar("rand", () => DoubleT, 0, 1, false),
  scalar("date_add", () => DateT, 2, 2),
  scalar("date_sub", () => DateT, 2, 2),
  {
    ...scalar("transform", () => arrayType(IntegerT), 2, 2),
    bind: (args) => {
      const f = args[1];
      const body = f?.kind === "LambdaFunction" ? dataTypeOf(f.body) : IntegerT;
      return {
        kind: "ScalarFunction",
        name: "transform",
        args,
        dataType: arrayType(body),
        nullable: true,
        deterministic: true,
        options: {},
      };
    },
  },
  scalar("isnan", () => BooleanT),
  agg("sum", (t) => (t?.kind === "double" ? DoubleT : LongT), true),
  agg("avg", () => DoubleT, true),
  agg("max", (t) => t ?? IntegerT),
  agg("count", () => LongT),
  {
    kind: "window",
    name: "rank",
    info,
    minArgs: 0,
    maxArgs: 0,
    bind: (args) => ({
      kind: "WindowFunction",
      name: "rank",
      args,
      dataType: IntegerT,
      nullable: false,
      ignoreNulls: false,
    }),
  },
  {
    kind: "window",
    name: "cume_dist",
    info,
    minArgs: 0,
    maxArgs: 0,
    bind: (args) => ({
      kind: "WindowFunction",
      name: "cume_dist",
      args,
      dataType: DoubleT,
      nullable: false,
      ignoreNulls: false,
    }),
  },
  {
    kind: "window",
    name: "row_number",
    info,
    minArgs: 0,
    maxArgs: 0,
    bind: (args) => ({
      kind: "WindowFunction",
      name: "row_number",
      args,
      dataType: IntegerT,
      nullable: false,
      ignoreNulls: false,
    }),
  },
  {
    kind: "window",
    name: "lag",
    info,
    minArgs: 1,
    maxArgs: 2,
    bind: (args) => ({
      kind: "WindowFunction",
      name: "lag",
      args,
      dataType: dataTypeOf(args[0] as Expression),
      nullable: true,
      ignoreNulls: false,
    }),
  },
  {
    kind: "generator",
    name: "explode",
    info,
    minArgs: 1,
    maxArgs: 1,
    bind: (args) => {
      const t = dataTypeOf(args[0] as Expression);
      if (t.kind !== "array") return unexpectedType(args, '"ARRAY"');
      return {
        kind: "Generator",
        name: "explode",
        args,
        elementSchema: [{ name: "col", dataType: t.elementType, nullable: t.containsNull }],
      };
    },
  },
];

export const T_OUTPUT = [
  attribute("a", IntegerT),
  attribute("b", StringT),
  attribute("c", DoubleT),
  attribute("salary", LongT),
];

export const T: LogicalPlan = localRelation(T_OUTPUT, [[1, "x", 1.5, 10n]]);
export const EMP: LogicalPlan = localRelation(
  [attribute("country", StringT), attribute("salary", IntegerT), attribute("name", StringT)],
  [["us", 10, "bob"]],
);
export const S: LogicalPlan = localRelation(
  [
    attribute(
      "st",
      structType([
        structField("x", IntegerT),
        structField("y", structType([structField("z", StringT)])),
      ]),
    ),
    attribute("xs", arrayType(IntegerT)),
    attribute("m", mapType(StringT, IntegerT)),
  ],
  [],
);

export function testContext(): AnalyzerContext {
  const catalog = new SessionCatalog();
  catalog.createTempView("t", T);
  catalog.createTempView("emp", EMP);
  catalog.createTempView("s", S);
  return {
    catalog,
    functions: new FunctionRegistry(TEST_FUNCTIONS),
    config: DEFAULT_ANALYZER_CONFIG,
  };
}

/** Analyzes with the test context. */
export function analyzeTest(plan: LogicalPlan): LogicalPlan {
  return analyze(plan, testContext());
}

/** Tree string with expression ids replaced by `x`, as Spark's golden files do. */
export function normalizedTree(plan: LogicalPlan): string {
  return treeString(plan).replace(/#\d+/g, "#x");
}

// ---------------------------------------------------------------------------------------
// Plan-building shorthands for tests

export const ua = (...parts: string[]): Expression => unresolvedAttribute(...parts);
export const star = (...target: string[]): Expression =>
  Object.freeze({ kind: "UnresolvedStar", target: target.length ? Object.freeze(target) : null });
export const ualias = (child: Expression): Expression =>
  Object.freeze({ kind: "UnresolvedAlias", child });
export const fn = (name: string, ...args: Expression[]): Expression =>
  unresolvedFunction(name, args);
export const table = (name: string): LogicalPlan => unresolvedRelation([name]);

/** The FlintError analyzing `plan` raises (fails the test if none). */
export function analysisError(plan: LogicalPlan): FlintError {
  try {
    analyzeTest(plan);
  } catch (e) {
    if (e instanceof FlintError) return e;
    throw e;
  }
  throw new Error("expected an analysis error");
}

/** The output column names of the analyzed plan. */
export function columnsOf(plan: LogicalPlan): string[] {
  return outputOf(analyzeTest(plan)).map((a) => a.name);
}

/** Analyzed output as `name: type` (Spark's simpleString of each column). */
export function schemaOf(plan: LogicalPlan): string[] {
  return outputOf(analyzeTest(plan)).map((a) => `${a.name}: ${simpleString(a.dataType)}`);
}
