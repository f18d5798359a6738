/** JSON functions: to_json, get_json_object, json_array_length, json_object_keys. */
import {
  arrayType,
  assertNever,
  type DataType,
  IntegerT,
  type MapValue,
  StringT,
} from "../../types/data-types.ts";
import { toSqlExpr } from "../analysis/pretty-sql.ts";
import type { ScalarFunctionDef } from "../catalog/function-registry.ts";
import { typeOf } from "../expressions/eval/evaluate.ts";
import type { Expression } from "../expressions/expression.ts";
import { castToString } from "../expressions/format.ts";
import { dataTypeOf, nullableOf } from "../expressions/typing.ts";
import { formatDate } from "../expressions/values/datetime.ts";
import { formatDecimal, formatDouble, formatFloat } from "../expressions/values/numbers.ts";
import { formatWithPattern } from "./datetime-pattern.ts";
import { call, failure, info, ordinalWord, quotedType, scalar } from "./helpers.ts";

const G = "json_funcs";

// ---------------------------------------------------------------------------------------
// A JSON reader that keeps numbers as text (so big integers and decimals survive)

type Json = null | boolean | string | { readonly num: string } | Json[] | Map<string, Json>;

class JsonReader {
  pos = 0;
  readonly s: string;
  constructor(s: string) {
    this.s = s;
  }
  ws(): void {
    while (this.pos < this.s.length && " \t\n\r".includes(this.s[this.pos] as string)) this.pos++;
  }
  value(): Json {
    this.ws();
    const c = this.s[this.pos];
    if (c === "{") {
      this.pos++;
      const m = new Map<string, Json>();
      this.ws();
      if (this.s[this.pos] === "}") {
        this.pos++;
        return m;
      }
      for (;;) {
        this.ws();
        const k = this.string();
        this.ws();
        if (this.s[this.pos++] !== ":") throw new Error("json");
        m.set(k, this.value());
        this.ws();
        const d = this.s[this.pos++];
        if (d === "}") return m;
        if (d !== ",") throw new Error("json");
      }
    }
    if (c === "[") {
      this.pos++;
      const a: Json[] = [];
      this.ws();
      if (this.s[this.pos] === "]") {
        this.pos++;
        return a;
      }
      for (;;) {
        a.push(this.value());
        this.ws();
        const d = this.s[this.pos++];
        if (d === "]") return a;
        if (d !== ",") throw new Error("json");
      }
    }
    if (c === '"') return this.string();
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.s.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.pos));
    if (!m) throw new Error("json");
    this.pos += m[0].length;
    return { num: m[0] };
  }
  string(): string {
    if (this.s[this.pos] !== '"') throw new Error("json");
    const start = this.pos;
    this.pos++;
    while (this.pos < this.s.length && this.s[this.pos] !== '"') {
      if (this.s[this.pos] === "\\") this.pos++;
      this.pos++;
    }
    this.pos++;
    return JSON.parse(this.s.slice(start, this.pos)) as string;
  }
}

export function parseJson(s: string): Json | undefined {
  try {
    const r = new JsonReader(s);
    const v = r.value();
    r.ws();
    return r.pos === s.length ? v : undefined;
  } catch {
    return undefined;
  }
}

function numberText(t: string): string {
  return /[.eE]/.test(t) ? formatDouble(Number(t)) : t;
}

function writeJson(v: Json): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(writeJson).join(",")}]`;
  if (v instanceof Map)
    return `{${[...v].map(([k, x]) => `${JSON.stringify(k)}:${writeJson(x)}`).join(",")}}`;
  return numberText(v.num);
}

/**
 * One json_tuple row: each key's value in the top-level object `json` as text (strings
 * as they are, other values as JSON), null when absent, null, or when `json` is not an
 * object.
 */
export function jsonTupleRow(json: string | null, keys: readonly (string | null)[]): unknown[] {
  const v = json === null ? undefined : parseJson(json);
  return keys.map((k) => {
    if (!(v instanceof Map) || k === null || !v.has(k)) return null;
    const x = v.get(k) as Json;
    return x === null ? null : typeof x === "string" ? x : writeJson(x);
  });
}

/** Evaluates a get_json_object path (`$.a.b[0]`, `$['k']`, `[*]`); undefined if absent. */
function walk(v: Json, path: string): Json | undefined {
  if (!path.startsWith("$")) return undefined;
  let cur: Json[] = [v];
  let wildcard = false;
  let i = 1;
  while (i < path.length) {
    let next: Json[] = [];
    if (path[i] === ".") {
      const m = /^\.([^.[]+)/.exec(path.slice(i));
      if (!m) return undefined;
      const key = m[1] as string;
      i += m[0].length;
      for (const x of cur) {
        if (key === "*" && x instanceof Map) {
          wildcard = true;
          next.push(...x.values());
        } else if (x instanceof Map && x.has(key)) next.push(x.get(key) as Json);
      }
    } else if (path[i] === "[") {
      const m = /^\[(?:(\d+)|\*|'([^']*)')\]/.exec(path.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      for (const x of cur) {
        if (m[2] !== undefined) {
          if (x instanceof Map && x.has(m[2])) next.push(x.get(m[2]) as Json);
        } else if (Array.isArray(x)) {
          if (m[1] === undefined) {
            wildcard = true;
            next = next.concat(x);
          } else if (Number(m[1]) < x.length) next.push(x[Number(m[1])] as Json);
        }
      }
    } else return undefined;
    cur = next;
  }
  if (cur.length === 0) return undefined;
  if (wildcard) return cur.length === 1 ? (cur[0] as Json) : cur;
  return cur[0];
}

const getJsonObject = scalar({
  name: "get_json_object",
  info: info(
    G,
    "get_json_object(json_txt, path) - Extracts a json object from `path`.",
    "\n    > SELECT get_json_object('{\"a\":\"b\"}', '$.a');\n     b\n  ",
    "1.5.0",
  ),
  args: [StringT, StringT],
  result: StringT,
  nullable: true,
  eval: ([s, p]) => {
    const v = parseJson(s as string);
    if (v === undefined) return null;
    const r = walk(v, p as string);
    if (r === undefined || r === null) return null;
    return typeof r === "string" ? r : writeJson(r);
  },
});

const jsonArrayLength = scalar({
  name: "json_array_length",
  info: info(
    G,
    "json_array_length(jsonArray) - Returns the number of elements in the outermost JSON array.",
    "\n    > SELECT json_array_length('[1,2,3,4]');\n     4\n  ",
    "3.1.0",
  ),
  args: [StringT],
  result: IntegerT,
  nullable: true,
  eval: ([s]) => {
    const v = parseJson(s as string);
    return Array.isArray(v) ? v.length : null;
  },
});

const jsonObjectKeys = scalar({
  name: "json_object_keys",
  info: info(
    G,
    "json_object_keys(json_object) - Returns all the keys of the outermost JSON object as an array.",
    '\n    > SELECT json_object_keys(\'{"key": "value"}\');\n     ["key"]\n  ',
    "3.1.0",
  ),
  args: [StringT],
  result: arrayType(StringT, true),
  nullable: true,
  eval: ([s]) => {
    const v = parseJson(s as string);
    return v instanceof Map ? [...v.keys()] : null;
  },
});

/** A value as Spark's JSON generator writes it (nulls in structs are omitted). */
export function toJsonText(v: unknown, t: DataType, zone: string): string {
  if (v === null || v === undefined) return "null";
  switch (t.kind) {
    case "null":
      return "null";
    case "boolean":
      return v ? "true" : "false";
    case "byte":
    case "short":
    case "integer":
    case "long":
      return String(v);
    case "float":
      return Number.isFinite(v as number)
        ? formatFloat(v as number)
        : JSON.stringify(formatFloat(v as number));
    case "double":
      return Number.isFinite(v as number)
        ? formatDouble(v as number)
        : JSON.stringify(formatDouble(v as number));
    case "decimal":
      return formatDecimal(v as bigint, t.scale);
    case "string":
      return JSON.stringify(v);
    case "date":
      return `"${formatDate(v as number)}"`;
    case "timestamp":
      return `"${formatWithPattern(v as bigint, zone, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")}"`;
    case "binary":
    case "timestamp_ntz":
    case "daytime_interval":
    case "yearmonth_interval":
      return JSON.stringify(castToString(v, t, zone));
    case "array":
      return `[${(v as readonly unknown[]).map((x) => toJsonText(x, t.elementType, zone)).join(",")}]`;
    case "map": {
      const m = v as MapValue;
      return `{${m.keys.map((k, i) => `${JSON.stringify(castToString(k, t.keyType, zone))}:${toJsonText(m.values[i], t.valueType, zone)}`).join(",")}}`;
    }
    case "struct": {
      const s = v as readonly unknown[];
      const parts: string[] = [];
      t.fields.forEach((f, i) => {
        const x = s[i];
        if (x !== null && x !== undefined)
          parts.push(`${JSON.stringify(f.name)}:${toJsonText(x, f.dataType, zone)}`);
      });
      return `{${parts.join(",")}}`;
    }
    default:
      return assertNever(t, "data type");
  }
}

const toJson: ScalarFunctionDef = {
  kind: "scalar",
  name: "to_json",
  info: info(
    G,
    "to_json(expr[, options]) - Returns a JSON string with a given struct value",
    "\n    > SELECT to_json(named_struct('a', 1, 'b', 2));\n     {\"a\":1,\"b\":2}\n  ",
    "2.2.0",
  ),
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => {
    const a = args[0] as Expression;
    const t = dataTypeOf(a);
    if (t.kind !== "struct" && t.kind !== "map" && t.kind !== "array") {
      return failure("INVALID_JSON_SCHEMA", {
        paramIndex: ordinalWord(0),
        inputSql: toSqlExpr(a),
        inputType: quotedType(t),
      });
    }
    return call("to_json", [a], StringT, nullableOf(a), true, { timeZone: ctx.sessionTimeZone });
  },
  eval: ([v], c) =>
    toJsonText(v, typeOf(c.args[0] as Expression), String(c.options.timeZone ?? "UTC")),
};

export const JSON_FUNCTIONS: readonly ScalarFunctionDef[] = [
  getJsonObject,
  jsonArrayLength,
  jsonObjectKeys,
  toJson,
];
