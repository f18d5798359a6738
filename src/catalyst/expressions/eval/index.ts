/** The interpreted evaluator and the value semantics it is built from. */
export { evalArithmetic, evalNegate } from "./arithmetic.ts";
export { castValue, parseDouble, toPrecision, trimAll } from "./cast.ts";
export type { CompiledExpression } from "./compile.ts";
export {
  ANSI_CONFIG,
  arithmeticOverflow,
  castInvalidInput,
  castOverflow,
  divideByZero,
  toSqlType,
  toSqlValue,
} from "./errors.ts";
export {
  applyLambda,
  compileExpression,
  type EvalContext,
  evaluate,
  isLambdaValue,
  type LambdaValue,
  setDefaultRegistryLoader,
  typeOf,
} from "./evaluate.ts";
export { javaRegex, likeRegex, translateJavaRegex } from "./regex.ts";
