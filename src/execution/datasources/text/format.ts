/**
 * Text files: one `value: string` row per line (`\n`, `\r\n` or `\r`, or `lineSep`), empty
 * lines kept; with `wholetext` one row per file, holding the whole file.
 */
import { StringT, structField, structType } from "../../../types/data-types.ts";
import type { ColumnarBatch } from "../../columnar/batch.ts";
import { columnarBatch } from "../../columnar/batch.ts";
import { BytesBuilder } from "../../columnar/builder.ts";
import { isCompressed, readSplitText, readWholeText } from "../files/lines.ts";
import type { FileFormat } from "../formats.ts";
import { lowerKeys, optionBool, optionString } from "../options.ts";

export const TEXT_SCHEMA = structType([structField("value", StringT, true)]);

const BATCH_ROWS = 4096;

/** The lines of `text` (a final line break does not start another line). */
export function splitLines(text: string, lineSep: string | undefined): string[] {
  if (text === "") return [];
  const lines = lineSep === undefined ? text.split(/\r\n|\r|\n/) : text.split(lineSep);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export const textFormat: FileFormat = {
  name: "text",
  inferSchema: async () => TEXT_SCHEMA,
  isSplittable: (options, path) =>
    !optionBool(lowerKeys(options), "wholetext", false) && !isCompressed(path),
  async read(split, request) {
    const o = request.options;
    const encoding = optionString(o, "encoding", "UTF-8");
    const lineSep = o.linesep;
    const whole = optionBool(o, "wholetext", false);
    const text = whole
      ? await readWholeText(split.path, encoding)
      : await readSplitText(
          split,
          encoding,
          lineSep === undefined ? undefined : new Uint8Array(Buffer.from(lineSep, "utf8")),
        );
    const lines = whole ? [text] : splitLines(text, lineSep);
    const produce = request.requiredSchema.fields.length > 0;
    const out: ColumnarBatch[] = [];
    for (let s = 0; s < lines.length; s += BATCH_ROWS) {
      const e = Math.min(lines.length, s + BATCH_ROWS);
      if (!produce) {
        out.push(columnarBatch(request.requiredSchema, e - s, []));
        continue;
      }
      const b = new BytesBuilder(StringT, e - s);
      for (let i = s; i < e; i++) b.appendString(lines[i] as string);
      out.push(columnarBatch(request.requiredSchema, e - s, [b.finish()]));
    }
    return out;
  },
};
