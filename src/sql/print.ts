/**
 * A compact one-line printer of parser output, for tests: attributes print as `'a.b`,
 * literals as `1`, `'s'`, `1.5BD(2,1)`, calls as `'f(x)`, operators infix, other nodes
 * generically as `Kind(field=..., ...)` with empty and default fields left out.
 */
import { simpleString } from "../types/data-types.ts";

const SKIP = new Set(["kind", "origin", "exprId", "metadata", "outerAttrs", "evalMode"]);

function isNode(v: unknown): v is { readonly kind: string } & Record<string, unknown> {
  return typeof v === "object" && v !== null && "kind" in v && typeof v.kind === "string";
}

function isDataType(v: unknown): boolean {
  return (
    isNode(v) &&
    /^(null|boolean|byte|short|integer|long|float|double|decimal|string|binary|date|timestamp|timestamp_ntz|daytime_interval|yearmonth_interval|array|map|struct)$/.test(
      v.kind,
    )
  );
}

function literalText(value: unknown, type: { readonly kind: string }): string {
  if (value === null) return "null";
  switch (type.kind) {
    case "string":
      return `'${String(value)}'`;
    case "integer":
    case "boolean":
      return String(value);
    case "binary":
      return `X'${[...(value as Uint8Array)].map((b) => b.toString(16).padStart(2, "0")).join("")}'`;
    default:
      return `${String(value)}:${simpleString(type as never)}`;
  }
}

export function show(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "bigint") return `${v}L`;
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  if (isDataType(v)) return simpleString(v as never);
  if (!isNode(v)) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}: ${show(x)}`)
      .join(", ")}}`;
  }
  const n = v;
  switch (n.kind) {
    case "UnresolvedAttribute":
      return `'${(n.nameParts as string[]).join(".")}`;
    case "UnresolvedStar":
      return n.target ? `${(n.target as string[]).join(".")}.*` : "*";
    case "Literal":
      return literalText(n.value, n.dataType as { kind: string });
    case "UnresolvedFunction": {
      const flags = [
        n.isDistinct ? "distinct " : "",
        n.filter ? ` filter ${show(n.filter)}` : "",
        n.ignoreNulls ? " ignore nulls" : "",
      ];
      const args = (n.args as unknown[]).map(show).join(", ");
      return `'${(n.nameParts as string[]).join(".")}(${flags[0]}${args})${flags[1]}${flags[2]}`;
    }
    case "BinaryArithmetic":
    case "BinaryComparison":
      return `(${show(n.left)} ${String(n.op)} ${show(n.right)})`;
    case "And":
      return `(${show(n.left)} AND ${show(n.right)})`;
    case "Or":
      return `(${show(n.left)} OR ${show(n.right)})`;
    case "Not":
      return `NOT ${show(n.child)}`;
    case "Alias":
      return `${show(n.child)} AS ${String(n.name)}`;
    case "UnresolvedAlias":
      return show(n.child);
    case "SortOrder":
      return `${show(n.child)} ${String(n.direction)} ${String(n.nullOrdering)}`;
    case "Cast":
      return `${n.evalMode === "TRY" ? "try_cast" : "cast"}(${show(n.child)} as ${show(n.dataType)})`;
    default:
      break;
  }
  const fields = Object.entries(n)
    .filter(([k, x]) => !SKIP.has(k) && !(Array.isArray(x) && x.length === 0) && x !== null)
    .map(([k, x]) => (k === "child" || k === "children" ? show(x) : `${k}=${show(x)}`));
  return `${n.kind}(${fields.join(", ")})`;
}
