import type { ErrorCatalog } from "./index.ts";

export const RUNTIME_ERRORS: ErrorCatalog = {};
