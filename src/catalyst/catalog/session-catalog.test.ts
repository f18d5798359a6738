import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../types/data-types.ts";
import { attribute } from "../expressions/factories.ts";
import { localRelation } from "../plans/factories.ts";
import { SessionCatalog } from "./session-catalog.ts";

const rel = localRelation([attribute("a", IntegerT)], []);

test("temp views are found case-insensitively and shadow tables", () => {
  const provider = {
    lookupTable: (parts: readonly string[]) => (parts.at(-1) === "tbl" ? rel : undefined),
  };
  const c = new SessionCatalog({ tableProvider: provider });
  assert.ok(c.createTempView("V", rel));
  assert.equal(c.createTempView("v", rel, false), false);
  assert.deepEqual(c.lookupRelation(["v"])?.qualifier, ["v"]);
  assert.deepEqual(c.lookupRelation(["tbl"])?.qualifier, ["spark_catalog", "default", "tbl"]);
  assert.deepEqual(c.lookupRelation(["db", "tbl"])?.qualifier, ["spark_catalog", "db", "tbl"]);
  assert.equal(c.lookupRelation(["nope"]), undefined);
  assert.deepEqual(c.listTempViews(), ["V"]);
  assert.ok(c.dropTempView("v"));
  assert.equal(c.lookupTempView("V"), undefined);
});

test("case-sensitive catalogs compare view names exactly", () => {
  const c = new SessionCatalog({ caseSensitive: true });
  c.createTempView("V", rel);
  assert.equal(c.lookupTempView("v"), undefined);
  assert.ok(c.lookupTempView("V"));
});
