/**
 * ResolveGenerate: a `Generate` from `LATERAL VIEW explode(xs) tbl AS x` or a generator
 * in FROM carries placeholder output columns (names only, type null) until its generator
 * is bound; then the output takes the generator's element types, the names given in
 * `AS` (or the generator's own: `col`, `pos`, `key`, `value`) and the view's qualifier.
 *
 *   Generate 'explode('xs), false, tbl, [x#5]    =>    Generate explode(xs#1), false, tbl, [x#9]
 *
 * A different number of names fails with UDTF_ALIAS_NUMBER_MISMATCH.
 */
import { FlintError } from "../../errors/index.ts";
import { sameTypeIgnoringNullability } from "../../types/data-types.ts";
import type { Generator } from "../expressions/expression.ts";
import { attribute } from "../expressions/factories.ts";
import type { Generate } from "../plans/logical-plan.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import type { AnalyzerRule } from "./rule.ts";

/** Whether a Generate's output already matches its bound generator. */
export function generateOutputResolved(p: Generate): boolean {
  const g = p.generator;
  if (g.kind !== "Generator") return false;
  const out = p.generatorOutput;
  return (
    out.length === g.elementSchema.length &&
    out.every((a, i) => {
      const f = g.elementSchema[i];
      return f !== undefined && sameTypeIgnoringNullability(a.dataType, f.dataType);
    })
  );
}

function outputFor(p: Generate, g: Generator) {
  const names = p.generatorOutput.map((a) => a.name);
  if (names.length > 0 && names.length !== g.elementSchema.length) {
    throw new FlintError("UDTF_ALIAS_NUMBER_MISMATCH", {
      aliasesSize: String(g.elementSchema.length),
      aliasesNames: names.join(", "),
    });
  }
  return g.elementSchema.map((f, i) =>
    attribute(
      names[i] ?? f.name,
      f.dataType,
      f.nullable || p.outer,
      undefined,
      p.qualifier ? [p.qualifier] : [],
    ),
  );
}

export const ResolveGenerate: AnalyzerRule = {
  name: "ResolveGenerate",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Generate" || p.generator.kind !== "Generator" || generateOutputResolved(p)) {
        return undefined;
      }
      const generatorOutput = Object.freeze(outputFor(p, p.generator));
      return Object.freeze({ ...p, generatorOutput });
    }),
};
