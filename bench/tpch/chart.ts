/**
 * A grouped bar chart as SVG text: one group of bars per query, one bar per engine, on a
 * log scale (TPC-H times span three orders of magnitude). Missing values leave a gap.
 */

export interface EngineResults {
  readonly name: string;
  readonly color: string;
  /** One value per category (milliseconds), null when the engine has none. */
  readonly ms: readonly (number | null)[];
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderChart(
  title: string,
  categories: readonly string[],
  engines: readonly EngineResults[],
): string {
  const values = engines.flatMap((e) => e.ms.filter((x): x is number => x !== null && x > 0));
  const lo = 10 ** Math.floor(Math.log10(Math.max(Math.min(...values, 1000), 0.1)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values, 10)));
  const left = 64;
  const right = 16;
  const top = 48;
  const bottom = 40;
  const bar = 9;
  const gap = 10;
  const groupWidth = engines.length * bar + gap;
  const plotWidth = categories.length * groupWidth;
  const plotHeight = 320;
  const width = left + plotWidth + right;
  const height = top + plotHeight + bottom;
  const y = (v: number): number =>
    top +
    plotHeight -
    ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotHeight;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(`<text x="${left}" y="18" font-size="13" font-weight="bold">${escapeXml(title)}</text>`);
  // legend
  let lx = left;
  for (const e of engines) {
    out.push(`<rect x="${lx}" y="28" width="10" height="10" fill="${e.color}"/>`);
    out.push(`<text x="${lx + 14}" y="37">${escapeXml(e.name)}</text>`);
    lx += 24 + e.name.length * 7;
  }
  // grid lines at powers of ten
  for (let v = lo; v <= hi * 1.0001; v *= 10) {
    const yy = y(v).toFixed(1);
    out.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
    const label = v >= 1000 ? `${v / 1000} s` : `${v} ms`;
    out.push(`<text x="${left - 6}" y="${yy}" text-anchor="end" dy="4">${label}</text>`);
  }
  categories.forEach((c, i) => {
    const gx = left + i * groupWidth + gap / 2;
    engines.forEach((e, j) => {
      const v = e.ms[i];
      if (v === null || v === undefined || v <= 0) return;
      const yy = y(Math.max(v, lo));
      out.push(
        `<rect x="${gx + j * bar}" y="${yy.toFixed(1)}" width="${bar - 1}" height="${(top + plotHeight - yy).toFixed(1)}" fill="${e.color}"><title>${escapeXml(`${c} ${e.name}: ${v.toFixed(0)} ms`)}</title></rect>`,
      );
    });
    out.push(
      `<text x="${gx + (engines.length * bar) / 2}" y="${top + plotHeight + 16}" text-anchor="middle">${escapeXml(c)}</text>`,
    );
  });
  out.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotHeight}" stroke="#888"/>`);
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
