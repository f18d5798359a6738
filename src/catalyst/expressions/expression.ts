/**
 * Catalyst expressions as an immutable tagged union. Nodes are plain frozen objects made
 * by the factories in `factories.ts`; they are compared structurally and never mutated.
 *
 * Core operators with their own semantics (arithmetic, comparison, boolean logic, CASE,
 * CAST, IN, LIKE, ...) are nodes of their own. Every other built-in function is a
 * `ScalarFunction` naming an entry in the function registry, which supplies its type
 * checking, result type, interpreted evaluation and code generation. Aggregates and
 * window functions likewise name registry entries.
 */
import type { DataType } from "../../types/data-types.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";

/** Unique id of an attribute or alias within a session, printed `name#id`. */
export type ExprId = number;

/** ANSI raises on overflow and bad input; LEGACY returns null or wraps; TRY returns null. */
export type EvalMode = "ANSI" | "LEGACY" | "TRY";

/** Where an expression came from in a SQL text, for error messages. */
export interface Origin {
  readonly start: number;
  readonly stop: number;
  readonly sqlText: string;
}

export type Expression =
  // leaves
  | Literal
  | AttributeReference
  | BoundReference
  | OuterReference
  | NamedLambdaVariable
  // unresolved
  | UnresolvedAttribute
  | UnresolvedStar
  | UnresolvedFunction
  | UnresolvedAlias
  | UnresolvedExtractValue
  | UnresolvedNamedLambdaVariable
  | Parameter
  // naming
  | Alias
  // operators
  | BinaryArithmetic
  | UnaryMinus
  | BinaryComparison
  | And
  | Or
  | Not
  | IsNull
  | IsNotNull
  | In
  | InSet
  | Like
  | RLike
  | CaseWhen
  | If
  | Coalesce
  | Cast
  | SortOrder
  | GetStructField
  | GetArrayItem
  | GetMapValue
  | ScalarFunction
  | LambdaFunction
  // aggregates and windows
  | AggregateFunction
  | AggregateExpression
  | WindowFunction
  | WindowExpression
  | WindowSpec
  | FrameBoundary
  | Generator
  // subqueries
  | ScalarSubquery
  | Exists
  | InSubquery
  | ListQuery;

export type ExpressionKind = Expression["kind"];

// ---------------------------------------------------------------------------------------
// Leaves

/** A constant. `value` uses the internal representation of `dataType` (see types/). */
export interface Literal {
  readonly kind: "Literal";
  readonly value: unknown;
  readonly dataType: DataType;
}

/** A resolved column, unique by `exprId`; `qualifier` is the table alias path. */
export interface AttributeReference {
  readonly kind: "AttributeReference";
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly exprId: ExprId;
  readonly qualifier: readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** A column by position in the input row/batch (physical plans only). */
export interface BoundReference {
  readonly kind: "BoundReference";
  readonly ordinal: number;
  readonly dataType: DataType;
  readonly nullable: boolean;
}

/** A reference from a correlated subquery to an attribute of the outer query. */
export interface OuterReference {
  readonly kind: "OuterReference";
  readonly child: AttributeReference;
}

/** A lambda's parameter, resolved. */
export interface NamedLambdaVariable {
  readonly kind: "NamedLambdaVariable";
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly exprId: ExprId;
}

// ---------------------------------------------------------------------------------------
// Unresolved forms (produced by the parser and the DataFrame API)

/** `a`, `t.a`, `t.a.b`: resolved by the analyzer against the child's output. */
export interface UnresolvedAttribute {
  readonly kind: "UnresolvedAttribute";
  readonly nameParts: readonly string[];
  readonly origin?: Origin | undefined;
}

/** `*` or `t.*`. */
export interface UnresolvedStar {
  readonly kind: "UnresolvedStar";
  readonly target: readonly string[] | null;
}

export interface UnresolvedFunction {
  readonly kind: "UnresolvedFunction";
  readonly nameParts: readonly string[];
  readonly args: readonly Expression[];
  readonly isDistinct: boolean;
  readonly filter: Expression | null;
  readonly ignoreNulls: boolean;
  readonly origin?: Origin | undefined;
}

/** An expression whose output name is derived once it is resolved. */
export interface UnresolvedAlias {
  readonly kind: "UnresolvedAlias";
  readonly child: Expression;
}

/** `child[extraction]` or `child.field` before the child's type is known. */
export interface UnresolvedExtractValue {
  readonly kind: "UnresolvedExtractValue";
  readonly child: Expression;
  readonly extraction: Expression;
}

export interface UnresolvedNamedLambdaVariable {
  readonly kind: "UnresolvedNamedLambdaVariable";
  readonly nameParts: readonly string[];
}

/** A query parameter: `:name` (name) or `?` (position). */
export interface Parameter {
  readonly kind: "Parameter";
  readonly name: string | null;
  readonly position: number | null;
}

// ---------------------------------------------------------------------------------------
// Naming

export interface Alias {
  readonly kind: "Alias";
  readonly child: Expression;
  readonly name: string;
  readonly exprId: ExprId;
  readonly qualifier: readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
}

// ---------------------------------------------------------------------------------------
// Operators

export type ArithmeticOp = "+" | "-" | "*" | "/" | "div" | "%" | "pmod";

export interface BinaryArithmetic {
  readonly kind: "BinaryArithmetic";
  readonly op: ArithmeticOp;
  readonly left: Expression;
  readonly right: Expression;
  readonly evalMode: EvalMode;
  readonly origin?: Origin | undefined;
}

export interface UnaryMinus {
  readonly kind: "UnaryMinus";
  readonly child: Expression;
  readonly evalMode: EvalMode;
}

/** `<=>` is null-safe equality. */
export type ComparisonOp = "=" | "<=>" | "<" | "<=" | ">" | ">=";

export interface BinaryComparison {
  readonly kind: "BinaryComparison";
  readonly op: ComparisonOp;
  readonly left: Expression;
  readonly right: Expression;
}

export interface And {
  readonly kind: "And";
  readonly left: Expression;
  readonly right: Expression;
}

export interface Or {
  readonly kind: "Or";
  readonly left: Expression;
  readonly right: Expression;
}

export interface Not {
  readonly kind: "Not";
  readonly child: Expression;
}

export interface IsNull {
  readonly kind: "IsNull";
  readonly child: Expression;
}

export interface IsNotNull {
  readonly kind: "IsNotNull";
  readonly child: Expression;
}

/** `value IN (list...)` with SQL's three-valued semantics. */
export interface In {
  readonly kind: "In";
  readonly value: Expression;
  readonly list: readonly Expression[];
}

/** `IN` over a set of literal values (internal representation), made by the optimizer. */
export interface InSet {
  readonly kind: "InSet";
  readonly child: Expression;
  readonly values: readonly unknown[];
  readonly hasNull: boolean;
}

export interface Like {
  readonly kind: "Like";
  readonly left: Expression;
  readonly right: Expression;
  readonly escapeChar: string;
  readonly caseInsensitive: boolean;
}

export interface RLike {
  readonly kind: "RLike";
  readonly left: Expression;
  readonly right: Expression;
  /** The name it was called by when not `rlike` (`regexp_like`, `regexp`), for naming. */
  readonly funcName?: string | undefined;
}

export interface CaseWhen {
  readonly kind: "CaseWhen";
  readonly branches: readonly (readonly [Expression, Expression])[];
  readonly elseValue: Expression | null;
}

export interface If {
  readonly kind: "If";
  readonly predicate: Expression;
  readonly trueValue: Expression;
  readonly falseValue: Expression;
}

export interface Coalesce {
  readonly kind: "Coalesce";
  readonly children: readonly Expression[];
}

export interface Cast {
  readonly kind: "Cast";
  readonly child: Expression;
  readonly dataType: DataType;
  readonly evalMode: EvalMode;
  /** Session time zone for casts that need one (string <-> timestamp, ...). */
  readonly timeZoneId: string | null;
  readonly origin?: Origin | undefined;
  /**
   * Set on casts the analyzer inserts for type coercion; user-written casts leave it unset.
   * Implicit casts are invisible in generated column names and error messages.
   */
  readonly implicit?: boolean | undefined;
}

export type SortDirection = "ASC" | "DESC";
export type NullOrdering = "NULLS FIRST" | "NULLS LAST";

export interface SortOrder {
  readonly kind: "SortOrder";
  readonly child: Expression;
  readonly direction: SortDirection;
  readonly nullOrdering: NullOrdering;
}

export interface GetStructField {
  readonly kind: "GetStructField";
  readonly child: Expression;
  readonly ordinal: number;
  readonly name: string;
}

/** `array[ordinal]` (0-based; ANSI raises on out-of-bounds). */
export interface GetArrayItem {
  readonly kind: "GetArrayItem";
  readonly child: Expression;
  readonly ordinal: Expression;
  readonly failOnError: boolean;
}

export interface GetMapValue {
  readonly kind: "GetMapValue";
  readonly child: Expression;
  readonly key: Expression;
}

/**
 * A resolved call of a registry function (`upper`, `substring`, `date_add`, ...). The
 * analyzer fixes `dataType`, `nullable` and `deterministic` from the registry entry
 * after type coercion, so typing never needs the registry.
 */
export interface ScalarFunction {
  readonly kind: "ScalarFunction";
  readonly name: string;
  readonly args: readonly Expression[];
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly deterministic: boolean;
  /** Extra constant configuration some functions carry (time zone, eval mode, seed). */
  readonly options: Readonly<Record<string, string | number | boolean | null>>;
}

/** `x -> expr` in higher-order functions. */
export interface LambdaFunction {
  readonly kind: "LambdaFunction";
  readonly body: Expression;
  readonly params: readonly (NamedLambdaVariable | UnresolvedNamedLambdaVariable)[];
}

// ---------------------------------------------------------------------------------------
// Aggregates and windows

/** An aggregate function from the registry (`sum`, `count`, `collect_list`, ...). */
export interface AggregateFunction {
  readonly kind: "AggregateFunction";
  readonly name: string;
  readonly args: readonly Expression[];
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly options: Readonly<Record<string, string | number | boolean | null>>;
}

export type AggregateMode = "Partial" | "PartialMerge" | "Final" | "Complete";

/** An aggregate function applied in a mode, as Spark's AggregateExpression. */
export interface AggregateExpression {
  readonly kind: "AggregateExpression";
  readonly fn: AggregateFunction;
  readonly mode: AggregateMode;
  readonly isDistinct: boolean;
  readonly filter: Expression | null;
  /** Identifies this aggregate's result across the partial/final split. */
  readonly resultId: ExprId;
}

/** Ranking and offset window functions (`row_number`, `rank`, `lag`, `ntile`, ...). */
export interface WindowFunction {
  readonly kind: "WindowFunction";
  readonly name: string;
  readonly args: readonly Expression[];
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly ignoreNulls: boolean;
}

export type FrameType = "ROWS" | "RANGE";

export interface FrameBoundary {
  readonly kind: "FrameBoundary";
  readonly type: "UNBOUNDED PRECEDING" | "UNBOUNDED FOLLOWING" | "CURRENT ROW" | "OFFSET";
  /** For OFFSET: negative is PRECEDING, positive FOLLOWING. */
  readonly offset: Expression | null;
}

export interface WindowSpec {
  readonly kind: "WindowSpec";
  readonly partitionSpec: readonly Expression[];
  readonly orderSpec: readonly SortOrder[];
  /** null = unspecified: Spark picks the default frame during analysis. */
  readonly frame: {
    readonly frameType: FrameType;
    readonly lower: FrameBoundary;
    readonly upper: FrameBoundary;
  } | null;
}

export interface WindowExpression {
  readonly kind: "WindowExpression";
  readonly fn: Expression;
  readonly spec: WindowSpec;
}

/** A table-generating function (`explode`, `posexplode`, `inline`, `stack`, ...). */
export interface Generator {
  readonly kind: "Generator";
  readonly name: string;
  readonly args: readonly Expression[];
  /** The generated columns' types. */
  readonly elementSchema: readonly {
    readonly name: string;
    readonly dataType: DataType;
    readonly nullable: boolean;
  }[];
}

// ---------------------------------------------------------------------------------------
// Subqueries

export interface ScalarSubquery {
  readonly kind: "ScalarSubquery";
  readonly plan: LogicalPlan;
  readonly outerAttrs: readonly Expression[];
  readonly exprId: ExprId;
}

export interface Exists {
  readonly kind: "Exists";
  readonly plan: LogicalPlan;
  readonly outerAttrs: readonly Expression[];
  readonly exprId: ExprId;
}

/** `values IN (subquery)`. */
export interface InSubquery {
  readonly kind: "InSubquery";
  readonly values: readonly Expression[];
  readonly query: ListQuery;
}

export interface ListQuery {
  readonly kind: "ListQuery";
  readonly plan: LogicalPlan;
  readonly outerAttrs: readonly Expression[];
  readonly exprId: ExprId;
  readonly numCols: number;
}

/** Expressions that have a name and an id, as Spark's NamedExpression. */
export type NamedExpression = AttributeReference | Alias;

export function isNamedExpression(e: Expression): e is NamedExpression {
  return e.kind === "AttributeReference" || e.kind === "Alias";
}
