import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { and, comparison, literal, or } from "../../expressions/factories.ts";
import { join } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { PushExtraPredicateThroughJoin } from "./push-extra-predicate-through-join.ts";

const t1 = testRelation();
const t2 = testRelation(["x", "y", "z"]);
const int = (n: number) => literal(n, IntegerT);

// (b = 1 AND y > 5) OR (b = 2 AND y < 3), and a = x (a new object each time: the rule
// processes a condition once)
const cond = () =>
  and(
    or(
      and(comparison("=", t1.b, int(1)), comparison(">", t2.b, int(5))),
      and(comparison("=", t1.b, int(2)), comparison("<", t2.b, int(3))),
    ),
    comparison("=", t1.a, t2.a),
  );

test("each side of an inner join gets its part of a disjunction; the condition stays", () => {
  const text = planText(
    runRules(join(t1.plan, t2.plan, "Inner", cond()), [PushExtraPredicateThroughJoin]),
  );
  assert.match(text, /:- Filter \(\(b#\d+ = 1\) OR \(b#\d+ = 2\)\)/);
  assert.match(text, /\+- Filter \(\(y#\d+ > 5\) OR \(y#\d+ < 3\)\)/);
  assert.match(text, /Join Inner, \(\(\(\(b#\d+ = 1\) AND \(y#\d+ > 5\)\) OR/);
});

test("a left outer join filters only its right side; a full outer join neither", () => {
  const left = planText(
    runRules(join(t1.plan, t2.plan, "LeftOuter", cond()), [PushExtraPredicateThroughJoin]),
  );
  assert.match(left, /\+- Filter \(\(y#\d+ > 5\) OR \(y#\d+ < 3\)\)/);
  assert.doesNotMatch(left, /Filter \(\(b#\d+/);
  const full = join(t1.plan, t2.plan, "FullOuter", cond());
  assert.equal(runRules(full, [PushExtraPredicateThroughJoin]), full);
});

test("a disjunct with nothing for a side gives that side no filter", () => {
  const c = or(comparison("=", t1.b, int(1)), comparison(">", t2.b, int(5)));
  const q = join(t1.plan, t2.plan, "Inner", c);
  assert.equal(runRules(q, [PushExtraPredicateThroughJoin]), q);
});
