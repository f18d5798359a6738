#!/usr/bin/env node
// The `flint` command. Flint runs on Node 26, pinned in node_modules (`npx flint ...`
// puts it first on PATH); the CLI itself is TypeScript run by type stripping.
const [major] = process.versions.node.split(".").map(Number);
if (major < 26) {
  console.error(
    `flint needs Node.js 26 or newer (this is ${process.version}); run it through npx or npm scripts.`,
  );
  process.exit(1);
}
await import(new URL("../src/cli/main.ts", import.meta.url).href);
