/**
 * What the analyzer needs from the session: the catalog, the function registry and a
 * snapshot of the settings it reads. Built once per query and passed down to every rule.
 */

import type { FunctionRegistry } from "../catalog/function-registry.ts";
import type { SessionCatalog } from "../catalog/session-catalog.ts";
import type { AttributeReference } from "../expressions/expression.ts";

export interface AnalyzerConfig {
  /** `spark.sql.caseSensitive` (default false). */
  readonly caseSensitive: boolean;
  /** `spark.sql.ansi.enabled` (default true). */
  readonly ansi: boolean;
  /** `spark.sql.session.timeZone`. */
  readonly sessionTimeZone: string;
  /** `spark.sql.groupByOrdinal` (default true). */
  readonly groupByOrdinal: boolean;
  /** `spark.sql.groupByAliases` (default true). */
  readonly groupByAliases: boolean;
  /** `spark.sql.orderByOrdinal` (default true). */
  readonly orderByOrdinal: boolean;
}

export interface AnalyzerContext {
  readonly catalog: SessionCatalog;
  readonly functions: FunctionRegistry;
  readonly config: AnalyzerConfig;
  /** While analyzing a subquery: the enclosing query's attributes (outer references). */
  readonly outer?: readonly AttributeReference[] | undefined;
}

export const DEFAULT_ANALYZER_CONFIG: AnalyzerConfig = Object.freeze({
  caseSensitive: false,
  ansi: true,
  sessionTimeZone: "UTC",
  groupByOrdinal: true,
  groupByAliases: true,
  orderByOrdinal: true,
});

/** Reads the analyzer's settings from a config lookup (e.g. a session ConfigSnapshot). */
export function analyzerConfigFrom(get: (key: string) => string | undefined): AnalyzerConfig {
  const bool = (key: string, dflt: boolean): boolean => {
    const v = get(key);
    return v === undefined ? dflt : v.trim().toLowerCase() === "true";
  };
  return Object.freeze({
    caseSensitive: bool("spark.sql.caseSensitive", false),
    ansi: bool("spark.sql.ansi.enabled", true),
    sessionTimeZone: get("spark.sql.session.timeZone") ?? "UTC",
    groupByOrdinal: bool("spark.sql.groupByOrdinal", true),
    groupByAliases: bool("spark.sql.groupByAliases", true),
    orderByOrdinal: bool("spark.sql.orderByOrdinal", true),
  });
}

/** Compares identifiers under the session's case sensitivity (Spark's `Resolver`). */
export function resolverFor(config: AnalyzerConfig): (a: string, b: string) => boolean {
  return config.caseSensitive ? (a, b) => a === b : (a, b) => a.toLowerCase() === b.toLowerCase();
}
