export * from "./data-types.ts";
export { Decimal } from "./decimal.ts";
export { rowFromInternal, toExternal, toInternal } from "./external-values.ts";
export { Row } from "./row.ts";
