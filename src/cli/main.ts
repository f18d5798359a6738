/**
 * The `flint` command.
 *
 *   flint sql [-e SQL | -f FILE] [--conf k=v]... [--output tsv|json] [--master local[2]]
 *   flint submit SCRIPT.ts [args...]      run a Flint program on the pinned Node
 *   flint version
 */
import { spawnSync } from "node:child_process";
import { Command } from "commander";
import { runSqlShell } from "./sql-shell.ts";

const program = new Command("flint")
  .description("Flint: a distributed data engine that does what Apache Spark does")
  .showHelpAfterError();

program
  .command("version")
  .description("print the version")
  .action(() => {
    console.log("flint 0.1.0 (Spark 4 compatible)");
  });

program
  .command("sql")
  .description("run SQL: interactively, from -e, or from a file (like spark-sql)")
  .option("-e, --execute <sql>", "SQL statements to run")
  .option("-f, --file <path>", "a file of SQL statements")
  .option("--conf <key=value>", "a session setting (repeatable)", collect, [])
  .option("--master <master>", "where to run", "local[*]")
  .option("--output <format>", "tsv (default) or json (one object per row)", "tsv")
  .action(
    async (opts: {
      execute?: string;
      file?: string;
      conf: string[];
      master: string;
      output: string;
    }) => {
      const code = await runSqlShell({
        execute: opts.execute,
        file: opts.file,
        conf: opts.conf,
        master: opts.master,
        output: opts.output === "json" ? "json" : "tsv",
      });
      process.exitCode = code;
    },
  );

program
  .command("submit")
  .description("run a Flint program (TypeScript or JavaScript) on Node 26")
  .argument("<script>", "the program")
  .argument("[args...]", "its arguments")
  .action((script: string, args: string[]) => {
    const r = spawnSync(process.execPath, [script, ...args], { stdio: "inherit" });
    process.exitCode = r.status ?? 1;
  });

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

await program.parseAsync(process.argv);
