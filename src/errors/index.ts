export type { ErrorCatalog, ErrorClassDef } from "./catalog/index.ts";
export { ERROR_CLASSES } from "./catalog/index.ts";
export type { MessageParameters, QueryContext } from "./flint-error.ts";
export { FlintError, internalError, isFlintError, renderContext } from "./flint-error.ts";
