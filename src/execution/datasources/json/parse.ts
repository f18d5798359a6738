/**
 * A JSON parser for the JSON data source: numbers keep their text (big integers and
 * decimals survive), objects and arrays keep their source range (a string column holding
 * an object reads its raw text). Jackson's leniencies that Spark's options switch on:
 * comments, single quotes (on by default), unquoted field names, NaN/Infinity.
 */

export class JsonNum {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  get isIntegral(): boolean {
    return !/[.eE]/.test(this.text);
  }
}

export class JsonObject {
  readonly fields: Map<string, JsonValue>;
  readonly start: number;
  readonly end: number;
  constructor(fields: Map<string, JsonValue>, start: number, end: number) {
    this.fields = fields;
    this.start = start;
    this.end = end;
  }
}

export class JsonArray {
  readonly items: JsonValue[];
  readonly start: number;
  readonly end: number;
  constructor(items: JsonValue[], start: number, end: number) {
    this.items = items;
    this.start = start;
    this.end = end;
  }
}

/** Non-finite numbers Jackson accepts with allowNonNumericNumbers. */
export class JsonSpecial {
  readonly value: number;
  readonly text: string;
  constructor(value: number, text: string) {
    this.value = value;
    this.text = text;
  }
}

export type JsonValue = null | boolean | string | JsonNum | JsonSpecial | JsonObject | JsonArray;

export interface JsonParseOptions {
  readonly allowComments: boolean;
  readonly allowSingleQuotes: boolean;
  readonly allowUnquotedFieldNames: boolean;
  readonly allowNumericLeadingZeros: boolean;
  readonly allowNonNumericNumbers: boolean;
  readonly allowBackslashEscapingAnyCharacter: boolean;
}

export class JsonSyntaxError extends Error {}

const FAIL = new JsonSyntaxError("malformed JSON");

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  "'": "'",
};

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LENIENT_NUMBER_RE = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NAME_RE = /[A-Za-z_$][A-Za-z0-9_$]*/y;

export class JsonParser {
  readonly #s: string;
  readonly #o: JsonParseOptions;
  pos = 0;

  constructor(text: string, options: JsonParseOptions) {
    this.#s = text;
    this.#o = options;
  }

  /** Parses the first value of the text; what follows it is ignored, as Jackson does. */
  static parseFirst(text: string, options: JsonParseOptions): JsonValue {
    return new JsonParser(text, options).value();
  }

  ws(): void {
    const s = this.#s;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        this.pos++;
        continue;
      }
      if (c === 47 && this.#o.allowComments) {
        const d = s.charCodeAt(this.pos + 1);
        if (d === 47) {
          const e = s.indexOf("\n", this.pos);
          this.pos = e < 0 ? s.length : e + 1;
          continue;
        }
        if (d === 42) {
          const e = s.indexOf("*/", this.pos + 2);
          if (e < 0) throw FAIL;
          this.pos = e + 2;
          continue;
        }
      }
      return;
    }
  }

  value(): JsonValue {
    this.ws();
    const s = this.#s;
    const code = s.charCodeAt(this.pos);
    if (code === 123) return this.#object();
    if (code === 91) return this.#array();
    if (code === 34 || (code === 39 && this.#o.allowSingleQuotes)) return this.#string();
    if (s.startsWith("true", this.pos)) {
      this.pos += 4;
      return true;
    }
    if (s.startsWith("false", this.pos)) {
      this.pos += 5;
      return false;
    }
    if (s.startsWith("null", this.pos)) {
      this.pos += 4;
      return null;
    }
    if (this.#o.allowNonNumericNumbers) {
      for (const [word, v] of SPECIALS) {
        if (s.startsWith(word, this.pos)) {
          this.pos += word.length;
          return new JsonSpecial(v, word);
        }
      }
    }
    const re = this.#o.allowNumericLeadingZeros ? LENIENT_NUMBER_RE : NUMBER_RE;
    re.lastIndex = this.pos;
    const m = re.exec(s);
    if (m === null) throw FAIL;
    this.pos += m[0].length;
    return new JsonNum(m[0]);
  }

  #object(): JsonObject {
    const s = this.#s;
    const start = this.pos;
    this.pos++;
    const fields = new Map<string, JsonValue>();
    this.ws();
    if (s[this.pos] === "}") {
      this.pos++;
      return new JsonObject(fields, start, this.pos);
    }
    for (;;) {
      this.ws();
      const k = this.#name();
      this.ws();
      if (s[this.pos] !== ":") throw FAIL;
      this.pos++;
      const v = this.value();
      if (!fields.has(k)) fields.set(k, v);
      this.ws();
      const d = s[this.pos++];
      if (d === "}") return new JsonObject(fields, start, this.pos);
      if (d !== ",") throw FAIL;
    }
  }

  #name(): string {
    const c = this.#s[this.pos];
    if (c === '"' || (c === "'" && this.#o.allowSingleQuotes)) return this.#string();
    if (!this.#o.allowUnquotedFieldNames) throw FAIL;
    NAME_RE.lastIndex = this.pos;
    const m = NAME_RE.exec(this.#s);
    if (m === null) throw FAIL;
    this.pos += m[0].length;
    return m[0];
  }

  #array(): JsonArray {
    const s = this.#s;
    const start = this.pos;
    this.pos++;
    const items: JsonValue[] = [];
    this.ws();
    if (s[this.pos] === "]") {
      this.pos++;
      return new JsonArray(items, start, this.pos);
    }
    for (;;) {
      items.push(this.value());
      this.ws();
      const d = s[this.pos++];
      if (d === "]") return new JsonArray(items, start, this.pos);
      if (d !== ",") throw FAIL;
    }
  }

  #string(): string {
    const s = this.#s;
    const q = s[this.pos] as string;
    this.pos++;
    // Fast path: no escape before the closing quote (and no control character).
    const close = s.indexOf(q, this.pos);
    if (close >= 0) {
      const slash = s.indexOf("\\", this.pos);
      if (slash < 0 || slash > close) {
        let ok = true;
        for (let i = this.pos; i < close; i++) {
          if (s.charCodeAt(i) < 32) {
            ok = false;
            break;
          }
        }
        if (ok) {
          const out = s.slice(this.pos, close);
          this.pos = close + 1;
          return out;
        }
      }
    }
    let out = "";
    let seg = this.pos;
    for (;;) {
      if (this.pos >= s.length) throw FAIL;
      const c = s[this.pos] as string;
      if (c === q) {
        out += s.slice(seg, this.pos);
        this.pos++;
        return out;
      }
      if (c === "\\") {
        out += s.slice(seg, this.pos);
        const e = s[this.pos + 1];
        if (e === "u") {
          const hex = s.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw FAIL;
          out += String.fromCharCode(Number.parseInt(hex, 16));
          this.pos += 6;
        } else {
          const m = e === undefined ? undefined : ESCAPES[e];
          if (m === undefined) {
            if (!this.#o.allowBackslashEscapingAnyCharacter || e === undefined) throw FAIL;
            out += e;
          } else out += m;
          this.pos += 2;
        }
        seg = this.pos;
        continue;
      }
      if (c.charCodeAt(0) < 32) throw FAIL;
      this.pos++;
    }
  }
}

const SPECIALS: readonly (readonly [string, number])[] = [
  ["NaN", Number.NaN],
  ["+INF", Number.POSITIVE_INFINITY],
  ["+Infinity", Number.POSITIVE_INFINITY],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["-INF", Number.NEGATIVE_INFINITY],
  ["-Infinity", Number.NEGATIVE_INFINITY],
];
