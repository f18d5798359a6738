#!/usr/bin/env python3
"""Real-Spark oracle for Flint's golden SQL tests.

Runs every statement of ``test/sql/inputs/**/*.sql`` through a local Apache
Spark session and writes ``test/sql/results/<same path>.out`` in the format of
Spark's own ``sql-tests`` golden files (as written by ``SQLQueryTestSuite``).

The rules reproduced here (see README.md beside this file for the summary):

* input parsing: lines whose trimmed text starts with ``--`` are comments
  (except ``--QUERY-DELIMITER-START/END``); the rest is joined with ``\\n`` and
  split on every ``;`` not preceded by a backslash; each piece is trimmed,
  comment lines that start a line are dropped again, and empty pieces skipped.
  ``--SET k=v[,k=v]`` lines set session configs, ``--CONFIG_DIMn k=v[,k=v]``
  lines declare config dimensions, ``--IMPORT other.sql`` prepends another
  input file's statements.
* each query: schema is ``df.schema.catalogString`` (``struct<>`` for errors
  and for statements without output), rows come from Spark's own
  ``HiveResult.hiveResultString`` joined with ``\\n`` and sorted (Java string
  order) unless the analyzed plan is semantically sorted; errors print the
  exception class name and ``SparkThrowableHelper.getMessage(e, MINIMAL)``.

Everything that formats a value or an error is called in Spark's JVM through
py4j; only the file handling is re-implemented in Python.
"""

from __future__ import annotations

import argparse
import fnmatch
import itertools
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_INPUTS = REPO_ROOT / "test" / "sql" / "inputs"
DEFAULT_RESULTS = REPO_ROOT / "test" / "sql" / "results"

EMPTY_SCHEMA = "struct<>"
# Java's \s: [ \t\n\x0B\f\r]. Python's str.strip() would strip more.
JAVA_WHITESPACE = " \t\n\x0b\f\r"
# SQLQueryTestHelper.getQueries: split on ';' not preceded by a backslash.
SEMICOLON_SPLIT = re.compile(r"(?<=[^\\]);")

# Java's "." (no DOTALL) excludes these line terminators; Python's only excludes \n.
JAVA_DOT = "[^\n\r\u0085\u2028\u2029]"
NOT_INCLUDED = "[not included in comparison]"

# Session settings pinned for every file (before the file's own --SET lines).
PINNED_CONFS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "true",
    # Same as SQLQueryTestSuite.sparkConf.
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.datetime.java8API.enabled": "true",
}


# --------------------------------------------------------------------------
# Input files
# --------------------------------------------------------------------------


def java_split(text: str, pattern: re.Pattern[str]) -> list[str]:
    """``String.split(regex)``: like re.split but drops trailing empty strings."""
    parts = pattern.split(text)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def split_comments_and_code(text: str) -> tuple[list[str], list[str]]:
    comments: list[str] = []
    code: list[str] = []
    for line in java_split(text, re.compile("\n")):
        stripped = line.strip(JAVA_WHITESPACE)
        if stripped.startswith("--") and not stripped.startswith("--QUERY-DELIMITER"):
            comments.append(line)
        else:
            code.append(line)
    return comments, code


def split_with_semicolon(lines: list[str]) -> list[str]:
    return java_split("\n".join(lines), SEMICOLON_SPLIT)


def get_queries(code: list[str], comments: list[str], inputs_root: Path) -> list[str]:
    imported: list[str] = []
    for line in comments:
        if line.startswith("--IMPORT "):
            other = inputs_root / line[len("--IMPORT ") :]
            if other.is_file():
                imported.extend(split_comments_and_code(other.read_text("utf-8"))[1])
            else:
                raise SystemExit(f"--IMPORT target not found: {other}")
    all_code = imported + code

    if any(c.strip(JAVA_WHITESPACE).startswith("--QUERY-DELIMITER") for c in all_code):
        queries: list[str] = []
        others: list[str] = []
        current = ""
        inside = False
        for c in all_code:
            stripped = c.strip(JAVA_WHITESPACE)
            if stripped.startswith("--QUERY-DELIMITER-START"):
                inside = True
                queries.extend(split_with_semicolon(others))
                others = []
            elif stripped.startswith("--QUERY-DELIMITER-END"):
                inside = False
                queries.append("\n" + current.removesuffix(";"))
                current = ""
            elif inside:
                current += "\n" + c
            else:
                others.append(c)
        if others:
            queries.extend(split_with_semicolon(others))
    else:
        queries = split_with_semicolon(all_code)

    result: list[str] = []
    for q in queries:
        q = q.strip(JAVA_WHITESPACE)
        if not q:
            continue
        q = "\n".join(
            l for l in java_split(q, re.compile("\n")) if not l.startswith("--")
        ).strip(JAVA_WHITESPACE)
        if q:
            result.append(q)
    return result


def parse_kv_list(text: str) -> list[tuple[str, str]]:
    pairs = []
    for kv in text.split(","):
        key, sep, value = kv.partition("=")
        if not sep:
            raise SystemExit(f"bad config setting (want key=value): {kv!r}")
        pairs.append((key.strip(JAVA_WHITESPACE), value.strip(JAVA_WHITESPACE)))
    return pairs


def get_settings(comments: list[str]) -> list[tuple[str, str]]:
    settings: list[tuple[str, str]] = []
    for line in comments:
        if line.startswith("--SET "):
            settings.extend(parse_kv_list(line[len("--SET ") :]))
    return settings


def get_config_dims(comments: list[str]) -> list[list[tuple[str, str]]]:
    """Cartesian product of the --CONFIG_DIM<name> dimensions (one config set each)."""
    dims: dict[str, list[list[tuple[str, str]]]] = {}
    for line in comments:
        if line.startswith("--CONFIG_DIM"):
            rest = line[len("--CONFIG_DIM") :]
            name, _, sets = rest.partition(" ")
            dims.setdefault(name, []).append(parse_kv_list(sets))
    if not dims:
        return []
    combos = []
    for choice in itertools.product(*dims.values()):
        combos.append([kv for config_set in choice for kv in config_set])
    return combos


# --------------------------------------------------------------------------
# Spark
# --------------------------------------------------------------------------


@dataclass
class QueryResult:
    sql: str
    schema: str
    output: str
    is_error: bool


class SparkOracle:
    def __init__(self, warehouse: Path) -> None:
        self.warehouse = str(warehouse)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        from pyspark.sql import SparkSession

        jvm_opts = "-Duser.timezone=UTC -Duser.language=en -Duser.country=US"
        builder = (
            SparkSession.builder.master("local[1]")
            .appName("flint-spark-golden")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.catalogImplementation", "in-memory")
            .config("spark.sql.warehouse.dir", str(warehouse))
            .config("spark.driver.extraJavaOptions", jvm_opts)
            .config("spark.executor.extraJavaOptions", jvm_opts)
        )
        for key, value in PINNED_CONFS.items():
            builder = builder.config(key, value)
        self.spark = builder.getOrCreate()
        self.spark.sparkContext.setLogLevel("OFF")
        self._silence_python_error_logging()

        import pyspark
        from py4j.java_gateway import is_instance_of

        self.version = self.spark.version
        self.pyspark_version = pyspark.__version__
        self.jvm = self.spark._jvm
        self.gateway = self.spark.sparkContext._gateway
        self._is_instance_of = is_instance_of
        self._to_java = self.jvm.scala.jdk.javaapi.CollectionConverters
        self._hive_result = self.jvm.org.apache.spark.sql.execution.HiveResult
        self._physical_operation = (
            self.jvm.org.apache.spark.sql.catalyst.planning.PhysicalOperation
        )
        self._throwable_helper = self.jvm.org.apache.spark.SparkThrowableHelper
        self._minimal = self.jvm.org.apache.spark.ErrorMessageFormat.MINIMAL()
        self._session_class = self.jvm.org.apache.spark.sql.classic.SparkSession

    @staticmethod
    def _silence_python_error_logging() -> None:
        # pyspark logs every captured SQL error with its query context.
        from pyspark.logger import PySparkLogger

        for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
            PySparkLogger.getLogger(name).disabled = True

    def stop(self) -> None:
        self.spark.stop()

    # -- sessions ---------------------------------------------------------

    def new_session(self, confs: list[tuple[str, str]]):
        session = self.spark._jsparkSession.newSession()
        # SQLConf.get (used by HiveResult's formatters) reads the active session.
        self._session_class.setActiveSession(session)
        for key, value in PINNED_CONFS.items():
            session.conf().set(key, value)
        for key, value in confs:
            # SQLQueryTestSuite applies settings as `set k=v` statements.
            session.sql(f"set {key}={value}")
        return session

    def reset_catalog(self) -> None:
        """Drops every database but `default` and every table in it.

        The sessions of one SparkContext share its external catalog; files under
        `statements/` create persistent tables and each starts from an empty catalog.
        """
        external = self.spark._jsparkSession.sharedState().externalCatalog()
        for db in self._to_java.asJava(external.listDatabases()):
            if db != "default":
                external.dropDatabase(db, True, True)
        for table in self._to_java.asJava(external.listTables("default")):
            external.dropTable("default", table, True, True)
        shutil.rmtree(self.warehouse, ignore_errors=True)
        Path(self.warehouse).mkdir(parents=True, exist_ok=True)

    # -- queries ----------------------------------------------------------

    def _isinstance(self, obj, fqcn: str) -> bool:
        return self._is_instance_of(self.gateway, obj, fqcn)

    def _children(self, plan):
        return list(self._to_java.asJava(plan.children()))

    def is_semantically_sorted(self, plan) -> bool:
        logical = "org.apache.spark.sql.catalyst.plans.logical."
        for cls in ("Join", "Aggregate", "Generate", "Sample", "Distinct"):
            if self._isinstance(plan, logical + cls):
                return False
        for fqcn in (
            "org.apache.spark.sql.execution.command.DescribeCommandBase",
            "org.apache.spark.sql.execution.command.DescribeColumnCommand",
            logical + "DescribeRelation",
            logical + "DescribeColumn",
        ):
            if self._isinstance(plan, fqcn):
                return True
        operation = self._physical_operation.unapply(plan)
        if operation.isDefined():
            below = operation.get()._3()
            if self._isinstance(below, logical + "Sort") and getattr(below, "global")():
                return True
        return any(self.is_semantically_sorted(c) for c in self._children(plan))

    def run_query(self, session, sql: str) -> QueryResult:
        try:
            df = session.sql(sql)
            schema = df.schema().catalogString()
            qe = df.queryExecution()
            rows = [
                replace_not_included(str(r), self.warehouse)
                for r in self._to_java.asJava(
                    self._hive_result.hiveResultString(qe.executedPlan())
                )
            ]
            if not self.is_semantically_sorted(qe.analyzed()):
                # Scala's Ordering[String] is String.compareTo: UTF-16 code units.
                rows.sort(key=lambda s: s.encode("utf-16-be", "surrogatepass"))
            return QueryResult(sql, schema, normalize_output("\n".join(rows)), False)
        except Exception as exc:  # noqa: BLE001 - every failure is a recorded result
            java_exc = self._java_exception(exc)
            if java_exc is None:
                raise
            return QueryResult(sql, EMPTY_SCHEMA, self._format_error(java_exc), True)

    @staticmethod
    def _java_exception(exc: Exception):
        from py4j.protocol import Py4JJavaError

        origin = getattr(exc, "_origin", None)
        if origin is not None:
            return origin
        if isinstance(exc, Py4JJavaError):
            return exc.java_exception
        return None

    def _has_condition(self, e) -> bool:
        return self._isinstance(e, "org.apache.spark.SparkThrowable") and (
            e.getCondition() is not None
        )

    def _format_error(self, e) -> str:
        """SQLQueryTestHelper.handleExceptions, case by case."""

        def with_minimal(t) -> str:
            name = t.getClass().getName()
            return normalize_output(
                name + "\n" + self._throwable_helper.getMessage(t, self._minimal)
            )

        if self._has_condition(e):
            return with_minimal(e)
        if self._isinstance(e, "org.apache.spark.sql.AnalysisException"):
            msg = re.sub(r"#\d+", "#x", e.getSimpleMessage(), flags=re.ASCII)
            return normalize_output(e.getClass().getName() + "\n" + msg)
        if self._isinstance(e, "org.apache.spark.SparkException") and e.getCause():
            cause = e.getCause()
            if self._has_condition(cause):
                return with_minimal(cause)
            return normalize_output(
                cause.getClass().getName() + "\n" + str(cause.getMessage())
            )
        return normalize_output(e.getClass().getName() + "\n" + str(e.getMessage()))


def replace_not_included(line: str, warehouse: str) -> str:
    """SQLQueryTestHelper.replaceNotIncludedMsg, applied to every result row.

    Spark's version matches its test-suite class name inside warehouse paths; the
    equivalent here is our temporary warehouse directory.
    """
    wh = re.escape(warehouse)
    d = JAVA_DOT
    rules = [
        (r"#\d+", "#x"),
        (r"plan_id=\d+", "plan_id=x"),
        (rf"Location{d}*{wh}/", f"Location {NOT_INCLUDED}/{{warehouse_dir}}/"),
        (rf"file:[^\s,]*{wh}", f"file:{NOT_INCLUDED}/{{warehouse_dir}}"),
        (rf"Created By{d}*", f"Created By {NOT_INCLUDED}"),
        (rf"Created Time{d}*", f"Created Time {NOT_INCLUDED}"),
        (rf"Last Access{d}*", f"Last Access {NOT_INCLUDED}"),
        (rf"Owner\t{d}*", f"Owner\t{NOT_INCLUDED}"),
        (r"Partition Statistics\t\d+", f"Partition Statistics\t{NOT_INCLUDED}"),
        (r"CTERelationDef \d+,", "CTERelationDef xxxx,"),
        (r"CTERelationRef \d+,", "CTERelationRef xxxx,"),
        (r"@\w*,", "@xxxxxxxx,"),
        (r"\*\(\d+\) ", "*"),
    ]
    for pattern, replacement in rules:
        line = re.sub(pattern, lambda _m, r=replacement: r, line, flags=re.ASCII)
    return line


def normalize_output(output: str) -> str:
    """SQLQueryTestHelper.normalizeTestResults: drop Python tracebacks, rstrip."""
    kept = []
    traceback = False
    for line in java_split(output, re.compile("\n")):
        if line == "Traceback (most recent call last):":
            traceback = True
        elif not line.startswith(" "):
            traceback = False
        if not traceback:
            kept.append(line)
    return "\n".join(kept).rstrip(JAVA_WHITESPACE)


# --------------------------------------------------------------------------
# Golden files
# --------------------------------------------------------------------------


def render_golden(results: list[QueryResult], header: str) -> str:
    blocks = [
        "-- !query\n"
        + r.sql
        + "\n-- !query schema\n"
        + r.schema
        + "\n-- !query output\n"
        + r.output
        for r in results
    ]
    return f"-- Automatically generated by {header}\n" + "\n\n\n".join(blocks) + "\n"


def directory_confs(rel: Path) -> list[tuple[str, str]]:
    """Per-directory session modes, as SQLQueryTestSuite derives them from the path."""
    top = rel.parts[0] if len(rel.parts) > 1 else ""
    if top == "nonansi":
        return [("spark.sql.ansi.enabled", "false")]
    if top == "timestampNTZ":
        return [("spark.sql.timestampType", "TIMESTAMP_NTZ")]
    return []


def discover(inputs: Path, only: list[str]) -> list[Path]:
    files = sorted(p for p in inputs.rglob("*.sql") if p.is_file())
    if only:
        rels = [(p, p.relative_to(inputs).as_posix()) for p in files]
        files = [
            p
            for p, rel in rels
            if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(p.name, g) for g in only)
        ]
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="GLOB",
        help="regenerate only inputs whose path relative to --inputs (or file name) "
        "matches GLOB, e.g. 'expressions/cast.sql' or 'expressions/*'; repeatable",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if any result file differs from what Spark produces",
    )
    parser.add_argument(
        "--skip-config-dims",
        action="store_true",
        help="do not re-run files under each --CONFIG_DIM combination",
    )
    args = parser.parse_args(argv)

    inputs: Path = args.inputs.resolve()
    results_root: Path = args.results.resolve()
    files = discover(inputs, args.only)
    if not files:
        print(f"spark-golden: no input files matched under {inputs}", file=sys.stderr)
        return 1

    started = time.monotonic()
    warehouse = Path(tempfile.mkdtemp(prefix="flint-spark-golden-"))
    oracle = SparkOracle(warehouse / "warehouse")
    header = f"tools/spark-golden/generate.py (Apache Spark {oracle.version})"
    jvm_ready = time.monotonic()

    n_queries = n_errors = n_changed = 0
    problems: list[str] = []
    try:
        for path in files:
            rel = path.relative_to(inputs)
            comments, code = split_comments_and_code(path.read_text("utf-8"))
            queries = get_queries(code, comments, inputs)
            confs = directory_confs(rel) + get_settings(comments)

            if rel.parts[0] == "statements":
                oracle.reset_catalog()
            session = oracle.new_session(confs)
            results = [oracle.run_query(session, q) for q in queries]
            golden = render_golden(results, header)
            n_queries += len(results)
            n_errors += sum(r.is_error for r in results)

            # The golden file is generated with --SET only; each --CONFIG_DIM
            # combination must then give the same results (as in Spark's suite).
            if not args.skip_config_dims:
                for dim in get_config_dims(comments):
                    other = oracle.new_session(confs + dim)
                    for r in results:
                        again = oracle.run_query(other, r.sql)
                        if (again.schema, again.output) != (r.schema, r.output):
                            shown = ",".join(f"{k}={v}" for k, v in dim)
                            problems.append(
                                f"{rel}: result differs under {shown}: {r.sql[:60]!r}"
                            )

            out = results_root / (rel.as_posix() + ".out")
            old = out.read_text("utf-8") if out.exists() else None
            if old != golden:
                n_changed += 1
                if args.check:
                    problems.append(f"{rel}: {out.relative_to(REPO_ROOT)} is out of date")
                else:
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_text(golden, "utf-8")
            print(f"  {rel}: {len(results)} queries", file=sys.stderr)
    finally:
        oracle.stop()
        shutil.rmtree(warehouse, ignore_errors=True)

    for p in problems:
        print(f"spark-golden: {p}", file=sys.stderr)
    verb = "out of date" if args.check else "rewritten"
    print(
        f"spark-golden: Spark {oracle.version} (pyspark {oracle.pyspark_version}), "
        f"{len(files)} files, {n_queries} queries ({n_errors} errors), "
        f"{n_changed} files {verb}, JVM start {jvm_ready - started:.1f}s, "
        f"total {time.monotonic() - started:.1f}s"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
