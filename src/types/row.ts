import type { StructType } from "./data-types.ts";

/**
 * A result row: values by position or by field name, in their external form
 * (see external-values.ts). Immutable.
 */
export class Row {
  readonly #schema: StructType;
  readonly #values: readonly unknown[];

  constructor(schema: StructType, values: readonly unknown[]) {
    this.#schema = schema;
    this.#values = Object.freeze([...values]);
  }

  get schema(): StructType {
    return this.#schema;
  }

  get length(): number {
    return this.#values.length;
  }

  /** The field at a position, or the first field with that name. */
  get(key: number | string): unknown {
    if (typeof key === "number") {
      if (key < 0 || key >= this.#values.length) {
        throw new RangeError(`Row index ${key} out of range (${this.#values.length} fields)`);
      }
      return this.#values[key];
    }
    const i = this.#schema.fields.findIndex((f) => f.name === key);
    if (i < 0) {
      throw new RangeError(
        `Row has no field named ${key}; fields: ${this.#schema.fields.map((f) => f.name).join(", ")}`,
      );
    }
    return this.#values[i];
  }

  /** The values as an array, in schema order. */
  toArray(): unknown[] {
    return [...this.#values];
  }

  /** Field name -> value; nested rows become objects when `recursive`. */
  asDict(recursive = false): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.#schema.fields.forEach((f, i) => {
      const v = this.#values[i];
      out[f.name] = recursive ? toPlain(v) : v;
    });
    return out;
  }

  toJSON(): Record<string, unknown> {
    return this.asDict(true);
  }

  toString(): string {
    const parts = this.#schema.fields.map((f, i) => `${f.name}=${formatValue(this.#values[i])}`);
    return `Row(${parts.join(", ")})`;
  }
}

function toPlain(v: unknown): unknown {
  if (v instanceof Row) return v.asDict(true);
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map)
    return Object.fromEntries([...v.entries()].map(([k, x]) => [k, toPlain(x)]));
  return v;
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "string") return `'${v}'`;
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.map(formatValue).join(", ")}]`;
  return String(v);
}
