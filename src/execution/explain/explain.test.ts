/** explain("codegen") and formatted explain with run metrics. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { comparison, literal } from "../../catalyst/expressions/factories.ts";
import { aggregate, filter } from "../../catalyst/plans/factories.ts";
import { IntegerT, LongT } from "../../types/data-types.ts";
import { planPhysical } from "../planner/plan-physical.ts";
import {
  aggAlias,
  aggFn,
  conf,
  country,
  normalizeIds,
  people,
  salary,
} from "../testing-fixtures.ts";
import { codegenString, formattedString } from "./explain.ts";

const q = aggregate(
  [country],
  [country, aggAlias("sum(salary)", aggFn("sum", [salary], LongT))],
  filter(comparison(">", salary, literal(5, IntegerT)), people),
);

test("explain codegen lists each subtree and the generated source fusing filter and aggregate input", () => {
  const text = normalizeIds(codegenString(planPhysical(q, conf())));
  assert.match(
    text,
    /^Found 2 WholeStageCodegen subtrees\.\n== Subtree 1 \/ 2 ==\n\*\(1\) HashAggregate\(keys=\[country#x\], functions=\[partial_sum\(salary#x\)\]\)\n\+- \*\(1\) Filter \(salary#x > 5\)\n/,
  );
  assert.match(
    text,
    /Generated code:\n\/\* 001 \*\/ \/\/ hash aggregate input of node \d+\n\/\* 002 \*\/ function pipeline\(C, n, S, O, P, R\) \{/,
  );
  // the filter is fused into the aggregate's input function: no pipeline of its own
  assert.equal((text.match(/function pipeline/g) ?? []).length, 2);
  assert.ok(!text.includes("// pipeline of nodes"));
});

test("formatted explain prints run metrics per node", () => {
  const plan = planPhysical(q, conf());
  const partial = (plan as { child: { child: { id: number } } }).child.child;
  const text = formattedString(plan, {
    [String(partial.id)]: { numOutputRows: 3, peakMemory: 512 },
  });
  assert.match(
    text,
    /\(3\) HashAggregate \[codegen id : 1\]\n(?:.+\n)+Metrics: numOutputRows=3, peakMemory=512\n/,
  );
});
