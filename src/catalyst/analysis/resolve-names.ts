/**
 * Resolving a multi-part name (`a`, `t.a`, `db.t.a`, `a.b.c`) against input attributes, as
 * Spark's `AttributeSeq.resolve`: qualified matches win over unqualified ones, the parts
 * after the column are struct fields, and more than one distinct match is ambiguous.
 */

import type { QueryContext } from "../../errors/flint-error.ts";
import { FlintError } from "../../errors/index.ts";
import type { AttributeReference, Expression, Origin } from "../expressions/expression.ts";
import { dataTypeOf } from "../expressions/typing.ts";
import { toSqlExpr, toSqlId, toSqlType } from "./pretty-sql.ts";

export type NameEq = (a: string, b: string) => boolean;

interface Candidate {
  readonly attr: AttributeReference;
  readonly nested: readonly string[];
}

const nameIndexes = new WeakMap<readonly AttributeReference[], Map<string, AttributeReference[]>>();

/** Input attributes by lower-cased name (built once per input list). */
function byName(input: readonly AttributeReference[], name: string): readonly AttributeReference[] {
  let index = nameIndexes.get(input);
  if (!index) {
    index = new Map();
    for (const a of input) {
      const k = a.name.toLowerCase();
      const list = index.get(k);
      if (list) list.push(a);
      else index.set(k, [a]);
    }
    nameIndexes.set(input, index);
  }
  return index.get(name.toLowerCase()) ?? [];
}

function qualifiedMatches(
  nameParts: readonly string[],
  input: readonly AttributeReference[],
  eq: NameEq,
): Candidate[] {
  // Longest qualifier first (`db.t.a` before `t.a`); the first length that matches wins.
  for (let k = nameParts.length - 1; k >= 1; k--) {
    const out: Candidate[] = [];
    const name = nameParts[k] as string;
    for (const a of byName(input, name)) {
      if (!eq(name, a.name)) continue;
      const q = a.qualifier;
      if (q.length < k) continue;
      let ok = true;
      for (let i = 0; i < k; i++) {
        const qp = q[q.length - k + i];
        const np = nameParts[i];
        if (qp === undefined || np === undefined || !eq(qp, np)) {
          ok = false;
          break;
        }
      }
      if (ok) out.push({ attr: a, nested: nameParts.slice(k + 1) });
    }
    if (out.length > 0) return out;
  }
  return [];
}

function distinctById(cs: readonly Candidate[]): Candidate[] {
  const seen = new Set<number>();
  return cs.filter((c) => {
    if (seen.has(c.attr.exprId)) return false;
    seen.add(c.attr.exprId);
    return true;
  });
}

export function originContext(origin: Origin | undefined): QueryContext | undefined {
  if (!origin) return undefined;
  return {
    objectType: "",
    objectName: "",
    startIndex: origin.start,
    stopIndex: origin.stop,
    fragment: origin.sqlText.slice(origin.start, origin.stop + 1),
    sqlText: origin.sqlText,
  };
}

/** Extracts struct fields by name; undefined if a part is not a field. */
export function extractFields(
  base: Expression,
  fields: readonly string[],
  eq: NameEq,
): Expression | undefined {
  let cur = base;
  for (const f of fields) {
    const t = dataTypeOf(cur);
    if (t.kind !== "struct") return undefined;
    const ordinal = t.fields.findIndex((x) => eq(x.name, f));
    const field = t.fields[ordinal];
    if (!field) return undefined;
    cur = Object.freeze({ kind: "GetStructField", child: cur, ordinal, name: field.name });
  }
  return cur;
}

/**
 * The expression a name refers to: an attribute, or struct field extractions over one.
 * Undefined when nothing matches; throws AMBIGUOUS_REFERENCE for several matches.
 */
export function resolveNameParts(
  nameParts: readonly string[],
  input: readonly AttributeReference[],
  eq: NameEq,
  origin?: Origin,
): Expression | undefined {
  let cands = distinctById(qualifiedMatches(nameParts, input, eq));
  if (cands.length === 0) {
    const first = nameParts[0];
    if (first === undefined) return undefined;
    cands = distinctById(
      byName(input, first)
        .filter((a) => eq(a.name, first))
        .map((a) => ({ attr: a, nested: nameParts.slice(1) })),
    );
  }
  if (cands.length > 1) {
    const names = cands.map((c) => toSqlId([...c.attr.qualifier, c.attr.name]));
    throw new FlintError(
      "AMBIGUOUS_REFERENCE",
      { name: toSqlId(nameParts), referenceNames: `[${names.join(", ")}]` },
      { context: originContext(origin) },
    );
  }
  const c = cands[0];
  if (!c) return undefined;
  if (c.nested.length === 0) {
    // The column takes the name as written (`select A from t` outputs `A`), as Spark's.
    const written = nameParts[nameParts.length - 1] ?? c.attr.name;
    return written === c.attr.name ? c.attr : Object.freeze({ ...c.attr, name: written });
  }
  const r = extractFields(c.attr, c.nested, eq);
  if (r) return r;
  throw fieldNotFound(c.attr, c.nested, eq, origin);
}

function fieldNotFound(
  base: Expression,
  fields: readonly string[],
  eq: NameEq,
  origin: Origin | undefined,
): FlintError {
  let cur = base;
  for (const f of fields) {
    const t = dataTypeOf(cur);
    if (t.kind !== "struct") break;
    const next = extractFields(cur, [f], eq);
    if (!next) {
      return new FlintError(
        "FIELD_NOT_FOUND",
        { fieldName: toSqlId([f]), fields: t.fields.map((x) => toSqlId([x.name])).join(", ") },
        { context: originContext(origin) },
      );
    }
    cur = next;
  }
  return new FlintError(
    "INVALID_EXTRACT_BASE_FIELD_TYPE",
    { base: toSqlExpr(cur), other: toSqlType(dataTypeOf(cur)) },
    { context: originContext(origin) },
  );
}
