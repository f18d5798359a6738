import type { ErrorCatalog } from "./index.ts";

export const SOURCE_ERRORS: ErrorCatalog = {};
