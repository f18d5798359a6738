/**
 * ExtractGenerator: a generator in a select list (`explode(xs)`) becomes a `Generate`
 * under the Project, which then refers to the generated columns. Output columns are
 * named by the generator's element schema (`col`, `pos`, `key`, `value`) unless aliased.
 *
 *   Project [explode(xs#1) AS x]          Project [x#7]
 *   +- child                       =>     +- Generate explode(xs#1), false, [x#7]
 *                                            +- child
 *
 * More than one generator in one list fails with UNSUPPORTED_GENERATOR.MULTI_GENERATOR.
 */
import { FlintError } from "../../errors/index.ts";
import type { Expression, Generator } from "../expressions/expression.ts";
import { attribute } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { isPlanResolved } from "./plan-utils.ts";
import { prettySql } from "./pretty-sql.ts";
import type { AnalyzerRule } from "./rule.ts";

function generatorOf(e: Expression): { gen: Generator; name: string | null } | undefined {
  if (e.kind === "Generator") return { gen: e, name: null };
  if ((e.kind === "UnresolvedAlias" || e.kind === "Alias") && e.child.kind === "Generator") {
    return { gen: e.child, name: e.kind === "Alias" ? e.name : null };
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
      if (found.length > 1) {
        throw new FlintError("UNSUPPORTED_GENERATOR.MULTI_GENERATOR", {
          clause: "SELECT",
          num: String(found.length),
          generators: found.map((g) => `"${prettySql(g.gen)}"`).join(", "),
        });
      }
      const { gen, name } = found[0] as { gen: Generator; name: string | null };
      const outer = gen.name.toLowerCase().endsWith("_outer");
      const output = gen.elementSchema.map((f, i) =>
        attribute(
          name !== null && gen.elementSchema.length === 1 && i === 0 ? name : f.name,
          f.dataType,
          f.nullable || outer,
        ),
      );
      const generate = Object.freeze({
        kind: "Generate" as const,
        generator: gen,
        unrequiredChildIndex: Object.freeze([]),
        outer,
        qualifier: null,
        generatorOutput: Object.freeze(output),
        child: p.child,
      });
      const list: Expression[] = [];
      p.projectList.forEach((e, i) => {
        if (gens[i]) list.push(...output);
        else list.push(e);
      });
      return Object.freeze({ kind: "Project", projectList: Object.freeze(list), child: generate });
    }),
};
