/**
 * Table-generating functions (explode, posexplode, inline, stack and their _outer forms):
 * their output columns, and `generateRows`, the reference semantics the Generate
 * operator can call.
 */
import { findWiderCommonType } from "../../types/coercion.ts";
import {
  type DataType,
  IntegerT,
  type MapValue,
  NullT,
  StringT,
  sameType,
} from "../../types/data-types.ts";
import { toSqlExpr } from "../analysis/pretty-sql.ts";
import type { GeneratorDef } from "../catalog/function-registry.ts";
import type { Expression, Generator } from "../expressions/expression.ts";
import { dataTypeOf } from "../expressions/typing.ts";
import { castTo, failure, info, ordinalWord, quotedType } from "./helpers.ts";
import { jsonTupleRow } from "./json.ts";

const G = "generator_funcs";

type Column = { readonly name: string; readonly dataType: DataType; readonly nullable: boolean };

function generator(
  name: string,
  args: readonly Expression[],
  schema: readonly Column[],
): Generator {
  return Object.freeze({
    kind: "Generator",
    name,
    args: Object.freeze([...args]),
    elementSchema: Object.freeze(schema.map((c) => Object.freeze({ ...c }))),
  });
}

function explodeDef(name: string, withPos: boolean, outer: boolean): GeneratorDef {
  return {
    kind: "generator",
    name,
    info: info(
      G,
      `${name}(expr) - Separates the elements of array \`expr\` into multiple rows, or the elements of map \`expr\` into multiple rows and columns.${withPos ? " Uses the default column name `pos` for position," : ""}${outer ? " Unlike the function explode, if the array/map is null or empty then null is produced." : ""}`,
      `\n    > SELECT ${name}(array(10, 20));\n  `,
      outer ? "2.2.0" : "1.0.0",
    ),
    minArgs: 1,
    maxArgs: 1,
    bind: (args) => {
      const a = args[0] as Expression;
      const t = dataTypeOf(a);
      const pos: Column[] = withPos ? [{ name: "pos", dataType: IntegerT, nullable: outer }] : [];
      if (t.kind === "array") {
        return generator(name, args, [
          ...pos,
          { name: "col", dataType: t.elementType, nullable: t.containsNull || outer },
        ]);
      }
      if (t.kind === "map") {
        return generator(name, args, [
          ...pos,
          { name: "key", dataType: t.keyType, nullable: outer },
          { name: "value", dataType: t.valueType, nullable: t.valueContainsNull || outer },
        ]);
      }
      return failure("UNEXPECTED_INPUT_TYPE", {
        paramIndex: ordinalWord(0),
        requiredType: '("ARRAY" or "MAP")',
        inputSql: toSqlExpr(a),
        inputType: quotedType(t),
      });
    },
  };
}

function inlineDef(name: string, outer: boolean): GeneratorDef {
  return {
    kind: "generator",
    name,
    info: info(
      G,
      `${name}(expr) - Explodes an array of structs into a table.`,
      `\n    > SELECT ${name}(array(struct(1, 'a'), struct(2, 'b')));\n  `,
      outer ? "2.4.0" : "2.0.0",
    ),
    minArgs: 1,
    maxArgs: 1,
    bind: (args) => {
      const a = args[0] as Expression;
      const t = dataTypeOf(a);
      if (t.kind !== "array" || t.elementType.kind !== "struct") {
        return failure("UNEXPECTED_INPUT_TYPE", {
          paramIndex: ordinalWord(0),
          requiredType: '"ARRAY<STRUCT>"',
          inputSql: toSqlExpr(a),
          inputType: quotedType(t),
        });
      }
      return generator(
        name,
        args,
        t.elementType.fields.map((f) => ({
          name: f.name,
          dataType: f.dataType,
          nullable: f.nullable || outer,
        })),
      );
    },
  };
}

const stack: GeneratorDef = {
  kind: "generator",
  name: "stack",
  info: info(
    G,
    "stack(n, expr1, ..., exprk) - Separates `expr1`, ..., `exprk` into `n` rows. Uses column names col0, col1, etc. by default unless specified otherwise.",
    "\n    > SELECT stack(2, 1, 2, 3);\n     1\t2\n     3\tNULL\n  ",
    "2.0.0",
  ),
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  bind: (args, ctx) => {
    const n = args[0] as Expression;
    if (n.kind !== "Literal" || typeof n.value !== "number" || n.value <= 0) {
      return failure("NON_FOLDABLE_INPUT", {
        inputName: "`n`",
        inputType: '"INT"',
        inputExpr: toSqlExpr(n),
      });
    }
    const rows = n.value;
    const values = args.slice(1);
    const cols = Math.ceil(values.length / rows);
    const castArgs: Expression[] = [n];
    const schema: Column[] = [];
    const colTypes: DataType[] = [];
    for (let c = 0; c < cols; c++) {
      const ts: DataType[] = [];
      let first = -1;
      for (let r = 0; r < rows; r++) {
        const v = values[r * cols + c];
        if (!v) continue;
        const t = dataTypeOf(v);
        // as Spark: the values of a column share one type exactly (NULL fits any)
        if (t.kind !== "null") {
          if (first < 0) first = r * cols + c;
          else if (!sameType(t, dataTypeOf(values[first] as Expression))) {
            return failure("STACK_COLUMN_DIFF_TYPES", {
              columnIndex: String(c),
              leftType: quotedType(dataTypeOf(values[first] as Expression)),
              leftParamIndex: String(first + 1),
              rightType: quotedType(t),
              rightParamIndex: String(r * cols + c + 1),
            });
          }
        }
        ts.push(t);
      }
      colTypes.push(findWiderCommonType(ts) ?? NullT);
      schema.push({ name: `col${c}`, dataType: colTypes[c] as DataType, nullable: true });
    }
    values.forEach((v, i) => {
      castArgs.push(castTo(v, colTypes[i % cols] as DataType, ctx));
    });
    return generator("stack", castArgs, schema);
  },
};

/**
 * The rows a generator produces for one input row, given its evaluated arguments.
 * Outer forms produce one all-null row for a null or empty collection.
 */
export function generateRows(gen: Generator, args: readonly unknown[]): unknown[][] {
  const name = gen.name.toLowerCase();
  const outer = name.endsWith("_outer");
  const width = gen.elementSchema.length;
  const nullRow = (): unknown[] => new Array(width).fill(null);
  if (name === "json_tuple") {
    return [jsonTupleRow(args[0] as string | null, args.slice(1) as (string | null)[])];
  }
  if (name === "stack") {
    const n = args[0] as number;
    const values = args.slice(1);
    const out: unknown[][] = [];
    for (let r = 0; r < n; r++) {
      const row: unknown[] = [];
      for (let c = 0; c < width; c++) row.push(values[r * width + c] ?? null);
      out.push(row);
    }
    return out;
  }
  const v = args[0];
  const withPos = name.startsWith("posexplode");
  if (v === null || v === undefined) return outer ? [nullRow()] : [];
  if (name.startsWith("inline")) {
    const arr = v as readonly (readonly unknown[] | null)[];
    if (arr.length === 0) return outer ? [nullRow()] : [];
    return arr.map((s) => (s === null ? nullRow() : [...s]));
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return outer ? [nullRow()] : [];
    return v.map((x, i) => (withPos ? [i, x] : [x]));
  }
  const m = v as MapValue;
  if (m.keys.length === 0) return outer ? [nullRow()] : [];
  return m.keys.map((k, i) => (withPos ? [i, k, m.values[i] ?? null] : [k, m.values[i] ?? null]));
}

const jsonTuple: GeneratorDef = {
  kind: "generator",
  name: "json_tuple",
  info: info(
    "json_funcs",
    "json_tuple(jsonStr, p1, p2, ..., pn) - Returns a tuple like the function get_json_object, but it takes multiple names. All the input parameters and output column types are string.",
    "\n    > SELECT json_tuple('{\"a\":1, \"b\":2}', 'a', 'b');\n     1\t2\n  ",
    "1.6.0",
  ),
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  bind: (args) => {
    if (!args.every((a) => dataTypeOf(a).kind === "string")) {
      return failure("NON_STRING_TYPE", { funcName: "`json_tuple`" });
    }
    return generator(
      "json_tuple",
      args,
      args.slice(1).map((_, i) => ({ name: `c${i}`, dataType: StringT, nullable: true })),
    );
  },
};

export const GENERATOR_FUNCTIONS: readonly GeneratorDef[] = [
  explodeDef("explode", false, false),
  explodeDef("explode_outer", false, true),
  explodeDef("posexplode", true, false),
  explodeDef("posexplode_outer", true, true),
  inlineDef("inline", false),
  inlineDef("inline_outer", true),
  stack,
  jsonTuple,
];
