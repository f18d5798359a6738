/**
 * ExtractGenerator: a generator in a select list (`explode(xs)`) becomes a `Generate`
 * under the Project, which then refers to the generated columns. Output columns are
 * named by the generator's element schema (`col`, `pos`, `key`, `value`) unless aliased.
 *
 *   Project [explode(xs#1) AS x]          Project [x#7]
 *   +- child                       =>     +- Generate explode(xs#1), false, [x#7]
 *                                            +- child
 *
 * Several generators in one list (allowed since Spark 4) stack one Generate each.
 */
import { FlintError } from "../../errors/index.ts";
import type { Expression, Generator } from "../expressions/expression.ts";
import { attribute } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { isPlanResolved } from "./plan-utils.ts";
import type { AnalyzerRule } from "./rule.ts";

function generatorOf(e: Expression): { gen: Generator; names: readonly string[] } | undefined {
  if (e.kind === "Generator") return { gen: e, names: [] };
  if (e.kind === "UnresolvedAlias" && e.child.kind === "Generator")
    return { gen: e.child, names: [] };
  if (e.kind === "Alias" && e.child.kind === "Generator") {
    // `AS (a, b)` names every column (the parser's `multiAlias` metadata).
    const multi = e.metadata.multiAlias;
    const names = Array.isArray(multi) ? multi.map(String) : [e.name];
    return { gen: e.child, names };
  }
  return undefined;
}

export const ExtractGenerator: AnalyzerRule = {
  name: "ExtractGenerator",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Project" || !isPlanResolved(p.child)) return undefined;
      const gens = p.projectList.map(generatorOf);
      const found = gens.filter((g) => g !== undefined);
      if (found.length === 0) return undefined;
      if (!found.every((g) => isResolved(g.gen))) return undefined;
      // Each generator becomes its own Generate, stacked in select-list order.
      let child = p.child;
      const list: Expression[] = [];
      p.projectList.forEach((e, i) => {
        const g = gens[i];
        if (!g) {
          list.push(e);
          return;
        }
        const { gen, names } = g;
        if (names.length > 0 && names.length !== gen.elementSchema.length) {
          throw new FlintError("UDTF_ALIAS_NUMBER_MISMATCH", {
            aliasesSize: String(gen.elementSchema.length),
            aliasesNames: names.join(", "),
          });
        }
        const outer = gen.name.toLowerCase().endsWith("_outer");
        const output = gen.elementSchema.map((f, j) =>
          attribute(names[j] ?? f.name, f.dataType, f.nullable || outer),
        );
        child = Object.freeze({
          kind: "Generate" as const,
          generator: gen,
          unrequiredChildIndex: Object.freeze([]),
          outer,
          qualifier: null,
          generatorOutput: Object.freeze(output),
          child,
        });
        list.push(...output);
      });
      return Object.freeze({ kind: "Project", projectList: Object.freeze(list), child });
    }),
};
