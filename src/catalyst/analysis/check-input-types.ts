/**
 * Type checks of the core operators after coercion (Spark's `checkInputDataTypes`), as
 * `DATATYPE_MISMATCH.<subclass>` errors whose `sqlExpr` is the pretty SQL in quotes.
 * Functions from the registry check their own arguments in `bind`.
 */
import { FlintError } from "../../errors/index.ts";
import { canCast, castFailure } from "../../types/coercion.ts";
import {
  type DataType,
  isIntegral,
  isInterval,
  isNumeric,
  isOrderable,
  sameTypeIgnoringNullability,
} from "../../types/data-types.ts";
import type { Expression } from "../expressions/expression.ts";
import { dataTypeOf } from "../expressions/typing.ts";
import { toSqlExpr, toSqlType } from "./pretty-sql.ts";
import { originContext } from "./resolve-names.ts";
import { ordinalWord } from "./resolve-set-operations.ts";

const NUMERIC_OR_INTERVAL =
  '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")';

function mismatch(sub: string, e: Expression, params: Record<string, string>): FlintError {
  const origin = "origin" in e ? e.origin : undefined;
  return new FlintError(
    `DATATYPE_MISMATCH.${sub}`,
    { sqlExpr: toSqlExpr(e), ...params },
    {
      context: originContext(origin),
    },
  );
}

function same(a: DataType, b: DataType): boolean {
  return sameTypeIgnoringNullability(a, b);
}

function isBoolean(t: DataType): boolean {
  return t.kind === "boolean" || t.kind === "null";
}

function unexpected(e: Expression, index: number, child: Expression, required: string): FlintError {
  return mismatch("UNEXPECTED_INPUT_TYPE", e, {
    paramIndex: ordinalWord(index),
    requiredType: required,
    inputSql: toSqlExpr(child),
    inputType: toSqlType(dataTypeOf(child)),
  });
}

function diffTypes(e: Expression, fn: string, es: readonly Expression[]): FlintError | undefined {
  const ts = es.map(dataTypeOf).filter((t) => t.kind !== "null");
  const first = ts[0];
  if (!first || ts.every((t) => same(t, first))) return undefined;
  // Spark lists the types as `["A", "B"]`, except coalesce's `("A" or "B")`.
  const names = ts.map(toSqlType);
  return mismatch("DATA_DIFF_TYPES", e, {
    functionName: `\`${fn}\``,
    dataType: fn === "coalesce" ? `(${names.join(" or ")})` : `[${names.join(", ")}]`,
  });
}

function arithmeticAccepts(op: string, t: DataType): [boolean, string] {
  switch (op) {
    case "+":
    case "-":
      return [isNumeric(t) || isInterval(t) || t.kind === "null", NUMERIC_OR_INTERVAL];
    case "/":
      return [
        t.kind === "double" || t.kind === "decimal" || isInterval(t) || t.kind === "null",
        '("DOUBLE" or "DECIMAL")',
      ];
    case "div":
      return [
        isIntegral(t) || t.kind === "decimal" || isInterval(t) || t.kind === "null",
        '("BIGINT" or "DECIMAL")',
      ];
    default:
      return [isNumeric(t) || t.kind === "null", '"NUMERIC"'];
  }
}

/** The type error of one expression node (its children already checked), if any. */
export function checkInputTypes(e: Expression): FlintError | undefined {
  switch (e.kind) {
    case "BinaryArithmetic": {
      const l = dataTypeOf(e.left);
      const r = dataTypeOf(e.right);
      const decimals =
        (l.kind === "decimal" || isIntegral(l)) && (r.kind === "decimal" || isIntegral(r));
      const temporal =
        l.kind === "date" ||
        l.kind === "timestamp" ||
        l.kind === "timestamp_ntz" ||
        isInterval(l) ||
        isInterval(r);
      if (!same(l, r) && !decimals && !temporal && l.kind !== "null" && r.kind !== "null") {
        return mismatch("BINARY_OP_DIFF_TYPES", e, { left: toSqlType(l), right: toSqlType(r) });
      }
      if (temporal) return undefined;
      const [ok, inputType] = arithmeticAccepts(e.op, l.kind === "null" ? r : l);
      return ok
        ? undefined
        : mismatch("BINARY_OP_WRONG_TYPE", e, { inputType, actualDataType: toSqlType(l) });
    }
    case "BinaryComparison": {
      const l = dataTypeOf(e.left);
      const r = dataTypeOf(e.right);
      if (!same(l, r) && l.kind !== "null" && r.kind !== "null") {
        return mismatch("BINARY_OP_DIFF_TYPES", e, { left: toSqlType(l), right: toSqlType(r) });
      }
      if (e.op !== "=" && e.op !== "<=>" && !isOrderable(l)) {
        return mismatch("INVALID_ORDERING_TYPE", e, {
          functionName: `\`${e.op}\``,
          dataType: toSqlType(l),
        });
      }
      return undefined;
    }
    case "And":
    case "Or": {
      const l = dataTypeOf(e.left);
      const r = dataTypeOf(e.right);
      if (!same(l, r) && l.kind !== "null" && r.kind !== "null") {
        return mismatch("BINARY_OP_DIFF_TYPES", e, { left: toSqlType(l), right: toSqlType(r) });
      }
      if (!isBoolean(l)) {
        return mismatch("BINARY_OP_WRONG_TYPE", e, {
          inputType: '"BOOLEAN"',
          actualDataType: toSqlType(l),
        });
      }
      return undefined;
    }
    case "Not":
      return isBoolean(dataTypeOf(e.child)) ? undefined : unexpected(e, 0, e.child, '"BOOLEAN"');
    case "UnaryMinus": {
      const t = dataTypeOf(e.child);
      return isNumeric(t) || isInterval(t) || t.kind === "null"
        ? undefined
        : unexpected(e, 0, e.child, NUMERIC_OR_INTERVAL);
    }
    case "CaseWhen": {
      for (let i = 0; i < e.branches.length; i++) {
        const c = e.branches[i]?.[0];
        if (c && dataTypeOf(c).kind !== "boolean") return unexpected(e, i * 2, c, '"BOOLEAN"');
      }
      return diffTypes(e, "casewhen", [
        ...e.branches.map((b) => b[1]),
        ...(e.elseValue ? [e.elseValue] : []),
      ]);
    }
    case "If":
      if (dataTypeOf(e.predicate).kind !== "boolean") {
        return unexpected(e, 0, e.predicate, '"BOOLEAN"');
      }
      return diffTypes(e, "if", [e.trueValue, e.falseValue]);
    case "Coalesce":
      return diffTypes(e, "coalesce", e.children);
    case "In":
      return diffTypes(e, "in", [e.value, ...e.list]);
    case "Like":
    case "RLike": {
      const l = dataTypeOf(e.left);
      if (l.kind !== "string" && l.kind !== "null") return unexpected(e, 0, e.left, '"STRING"');
      return undefined;
    }
    case "SortOrder": {
      const t = dataTypeOf(e.child);
      return isOrderable(t)
        ? undefined
        : mismatch("INVALID_ORDERING_TYPE", e, {
            functionName: "`sortorder`",
            dataType: toSqlType(t),
          });
    }
    case "Cast": {
      const from = dataTypeOf(e.child);
      const ansi = e.evalMode !== "LEGACY";
      if (canCast(from, e.dataType, ansi)) return undefined;
      const f = castFailure(from, e.dataType, ansi);
      return mismatch(f.subClass, e, {
        srcType: toSqlType(from),
        targetType: toSqlType(e.dataType),
        ...f.params,
      });
    }
    default:
      return undefined;
  }
}
