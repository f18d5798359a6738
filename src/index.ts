/**
 * Flint's public API: `import { SparkSession, F, types, Window } from "flint"`.
 */
export { Column } from "./api/column.ts";
export { DataFrame } from "./api/dataframe.ts";
export * as functions from "./api/functions.ts";
export * as F from "./api/functions.ts";
export { GroupedData } from "./api/grouped-data.ts";
export type { ExplainMode, StorageLevel } from "./api/session-handle.ts";
export { Window, WindowSpecBuilder } from "./api/window.ts";
export { FlintError, isFlintError } from "./errors/index.ts";
export { SparkSession, SparkSessionBuilder } from "./session/spark-session.ts";
export { Decimal } from "./types/decimal.ts";
export * as types from "./types/index.ts";
export { Row } from "./types/row.ts";
