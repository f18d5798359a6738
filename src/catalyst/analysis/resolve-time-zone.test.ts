import assert from "node:assert/strict";
import { test } from "node:test";
import { StringT } from "../../types/data-types.ts";
import { cast } from "../expressions/factories.ts";
import { project } from "../plans/factories.ts";
import { analyze } from "./analyzer.ts";
import { analyzerConfigFrom } from "./context.ts";
import { table, testContext, ua, ualias } from "./testing/fixtures.ts";

test("casts take the session time zone", () => {
  const config = analyzerConfigFrom((k) =>
    k === "spark.sql.session.timeZone" ? "Asia/Tokyo" : undefined,
  );
  const p = analyze(project([ualias(cast(ua("a"), StringT))], table("t")), {
    ...testContext(),
    config,
  });
  assert.ok(p.kind === "Project");
  const item = p.projectList[0];
  assert.ok(item?.kind === "Alias" && item.child.kind === "Cast");
  assert.equal(item.child.timeZoneId, "Asia/Tokyo");
});
