/**
 * Glob paths as Hadoop's globStatus: `*`, `?`, `[abc]`, `[a-z]`, `[^a]` and `{a,b}` in any
 * path segment. A segment without pattern characters is taken literally.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** Whether a path has glob pattern characters. */
export function hasGlob(path: string): boolean {
  return /[*?[{]/.test(path);
}

/** A regular expression for one path segment's pattern. */
export function segmentRegExp(pattern: string): RegExp {
  let re = "";
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\" && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i] as string);
    } else if (c === "*") {
      re += "[^/]*";
    } else if (c === "?") {
      re += "[^/]";
    } else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) {
        re += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, end);
      if (body.startsWith("^") || body.startsWith("!")) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, "\\\\")}]`;
      i = end;
    } else if (c === "{") {
      braces++;
      re += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      re += ")";
    } else if (c === "," && braces > 0) {
      re += "|";
    } else {
      re += escapeRe(c);
    }
  }
  return new RegExp(`^${re}$`);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Splits a path on `/`, keeping `{a,b/c}` alternatives (no `/` inside braces supported). */
function segments(path: string): string[] {
  return path.split("/");
}

/** The existing paths a glob matches, sorted. */
export async function expandGlob(pattern: string): Promise<string[]> {
  const parts = segments(pattern);
  let current: string[] = [parts[0] === "" ? "/" : (parts[0] as string)];
  if (hasGlob(current[0] as string)) current = await matchIn(".", current[0] as string);
  for (let i = 1; i < parts.length; i++) {
    const seg = parts[i] as string;
    if (seg === "") continue;
    const next: string[] = [];
    const lists = await Promise.all(
      current.map(async (dir) => {
        if (!hasGlob(seg)) {
          const p = join(dir, seg);
          return (await stat(p).catch(() => undefined)) === undefined ? [] : [p];
        }
        return matchIn(dir, seg);
      }),
    );
    for (const l of lists) next.push(...l);
    current = next;
    if (current.length === 0) return [];
  }
  return current.sort();
}

async function matchIn(dir: string, seg: string): Promise<string[]> {
  const re = segmentRegExp(seg);
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => re.test(n))
    .sort()
    .map((n) => join(dir, n));
}
