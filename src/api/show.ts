/** The text table `DataFrame.show()` prints, laid out as Spark lays it out. */
import { toShowString } from "../catalyst/expressions/format.ts";
import type { StructType } from "../types/data-types.ts";

/**
 * @param rows internal rows; one more than `n` means "more rows exist".
 * @param truncate cut cells to this many characters (0: no cut; cells then align left).
 */
export function showString(
  schema: StructType,
  rows: readonly (readonly unknown[])[],
  n: number,
  truncate: number,
  vertical: boolean,
  timeZone = "UTC",
): string {
  const shown = rows.slice(0, n);
  const cut = (s: string): string =>
    truncate > 0 && s.length > truncate
      ? truncate < 4
        ? s.slice(0, truncate)
        : `${s.slice(0, truncate - 3)}...`
      : s;
  const header = schema.fields.map((f) => cut(f.name));
  const cells = shown.map((r) =>
    schema.fields.map((f, i) => cut(toShowString(r[i], f.dataType, timeZone))),
  );
  const more = rows.length > n ? `only showing top ${n} row${n === 1 ? "" : "s"}\n` : "";
  if (vertical) return verticalLayout(header, cells) + more;

  const widths = header.map((h, i) =>
    Math.max(3, width(h), ...cells.map((r) => width(r[i] ?? ""))),
  );
  const pad = (s: string, w: number): string => {
    const fill = " ".repeat(Math.max(0, w - width(s)));
    return truncate > 0 ? fill + s : s + fill;
  };
  const sep = `+${widths.map((w) => "-".repeat(w)).join("+")}+\n`;
  const line = (r: readonly string[]): string =>
    `|${r.map((c, i) => pad(c, widths[i] ?? 0)).join("|")}|\n`;
  return sep + line(header) + sep + cells.map(line).join("") + sep + more;
}

function verticalLayout(header: readonly string[], cells: readonly (readonly string[])[]): string {
  if (cells.length === 0) return "(0 rows)\n";
  const nameWidth = Math.max(3, ...header.map(width));
  const valueWidth = Math.max(3, ...cells.flatMap((r) => r.map(width)));
  const padRight = (s: string, w: number): string => s + " ".repeat(Math.max(0, w - width(s)));
  return cells
    .map((r, ri) => {
      const head = `-RECORD ${ri}`.padEnd(nameWidth + valueWidth + 5, "-");
      const lines = r.map(
        (c, i) => ` ${padRight(header[i] ?? "", nameWidth)} | ${padRight(c, valueWidth)} `,
      );
      return `${head}\n${lines.join("\n")}\n`;
    })
    .join("");
}

/** Display width: East Asian wide characters take two columns, as in Spark. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w +=
      cp >= 0x1100 &&
      (cp <= 0x115f ||
        (cp >= 0x2e80 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) ||
        (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6))
        ? 2
        : 1;
  }
  return w;
}
