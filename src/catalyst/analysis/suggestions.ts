/**
 * UNRESOLVED_COLUMN with Spark's suggestion list: candidate names back-quoted, a qualifier
 * shared by every candidate stripped, sorted (stably) by Levenshtein distance to the name
 * as written, at most five.
 */
import type { QueryContext } from "../../errors/flint-error.ts";
import { FlintError } from "../../errors/index.ts";
import type { AttributeReference, Origin } from "../expressions/expression.ts";
import { toSqlId } from "./pretty-sql.ts";
import { originContext } from "./resolve-names.ts";

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((cur[j - 1] ?? 0) + 1, (prev[j] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

function groupCount(cands: readonly (readonly string[])[], drop: number): number {
  return new Set(cands.map((c) => JSON.stringify(c.slice(0, Math.max(0, c.length - drop))))).size;
}

/** Spark's `orderSuggestedIdentifiersBySimilarity`. */
export function orderSuggestions(
  baseParts: readonly string[],
  candidates: readonly (readonly string[])[],
): string[] {
  const base = baseParts.join(".");
  let stripped: readonly (readonly string[])[];
  if (baseParts.length === 1 && groupCount(candidates, 1) === 1) {
    stripped = candidates.map((c) => c.slice(-1));
  } else if (baseParts.length <= 2 && groupCount(candidates, 2) === 1) {
    stripped = candidates.map((c) => c.slice(-2));
  } else stripped = candidates;
  const quoted = stripped.map((c) => toSqlId(c));
  return quoted
    .map((q, i) => ({ q, i, d: levenshtein(q, base) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .map((x) => x.q);
}

export function unresolvedColumnError(
  nameParts: readonly string[],
  candidates: readonly AttributeReference[],
  origin?: Origin,
): FlintError {
  const context: QueryContext | undefined = originContext(origin);
  const objectName = toSqlId(nameParts);
  if (candidates.length === 0) {
    return new FlintError("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", { objectName }, { context });
  }
  const proposal = orderSuggestions(
    nameParts,
    candidates.map((a) => [...a.qualifier, a.name]),
  ).slice(0, 5);
  return new FlintError(
    "UNRESOLVED_COLUMN.WITH_SUGGESTION",
    { objectName, proposal: proposal.join(", ") },
    { context },
  );
}
