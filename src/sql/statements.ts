/** Parsing of statements (the types are in statement-types.ts). */
import type { Expression } from "../catalyst/expressions/expression.ts";
import { subqueryAlias, unresolvedRelation } from "../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { FlintError } from "../errors/index.ts";
import {
  type DataType,
  type StructField,
  type StructType,
  structType,
} from "../types/data-types.ts";
import { columnDefinitionAt, columnListAt, parseDataTypeAt, startsDataType } from "./data-types.ts";
import { parseFullExpression } from "./expressions.ts";
import { withCte } from "./nodes.ts";
import {
  identifierList,
  parseCteDefinitions,
  parseNamedExpression,
  parseQueryAt,
  startsQuery,
} from "./queries.ts";
import { parseBlock, startsScript } from "./scripting.ts";
import type { ExplainMode, MergeClause, Name, Statement } from "./statement-types.ts";
import type { TokenStream } from "./token-stream.ts";

export type { ExplainMode, Statement, StatementKind } from "./statement-types.ts";

const f = Object.freeze;

function unsupported(ts: TokenStream, what: string): FlintError {
  return new FlintError(
    "UNSUPPORTED_FEATURE",
    { feature: what },
    { context: ts.contextFrom(ts.peek()) },
  );
}

function stringValue(ts: TokenStream): string {
  const t = ts.next();
  if (t.type !== "string") throw ts.errorAt(t);
  let s = t.value;
  while (ts.peek().type === "string") s += ts.next().value;
  return s;
}

/** `(key = value, 'k2' 'v2', ...)` properties or options. */
function propertyList(ts: TokenStream): Record<string, string> {
  ts.expectOp("(");
  const props: Record<string, string> = {};
  if (!ts.isOp(")")) {
    do {
      let key: string;
      if (ts.peek().type === "string") key = ts.next().value;
      else key = ts.multipartIdentifier().join(".");
      ts.acceptOp("=");
      let value = "";
      const v = ts.peek();
      if (ts.isOp(",") || ts.isOp(")")) value = "";
      else if (v.type === "string") value = stringValue(ts);
      else if (ts.isOp("-") || ts.isOp("+")) {
        ts.next();
        value = `${v.value === "-" ? "-" : ""}${ts.next().text}`;
      } else value = ts.next().text.toLowerCase() === "true" ? "true" : ts.peek(-1).text;
      props[key] = value;
    } while (ts.acceptOp(","));
  }
  ts.expectOp(")");
  return props;
}

/** `PARTITION (k = v, k2)`. */
function partitionSpec(ts: TokenStream): Record<string, string | null> {
  ts.expectOp("(");
  const spec: Record<string, string | null> = {};
  do {
    const key = ts.identifier();
    if (ts.acceptOp("=")) {
      const e = parseFullExpression(ts);
      spec[key] = e.kind === "Literal" ? String(e.value) : null;
    } else spec[key] = null;
  } while (ts.acceptOp(","));
  ts.expectOp(")");
  return spec;
}

function rawText(ts: TokenStream, fromIndex: number): string {
  const last = ts.peek(-1);
  return ts.sql.slice(fromIndex, last.stop + 1).trim();
}

/** A whole statement at the current token. */
export function parseStatementAt(ts: TokenStream): Statement {
  if (startsScript(ts)) return f({ kind: "Script", block: parseBlock(ts, parseScriptLeaf) });
  if (ts.isKw("WITH")) {
    // `WITH ctes INSERT ...`: the CTEs scope over the inserted query
    const saved = ts.pos;
    const query = ts.attempt(() => parseQueryAt(ts));
    if (query) return f({ kind: "Query", plan: query });
    ts.pos = saved;
    const ctes = parseCteDefinitions(ts);
    const inner = parseStatementAt(ts);
    if (inner.kind !== "Insert") throw ts.error();
    return f({ ...inner, query: withCte(ctes, inner.query) });
  }
  const t = ts.peek();
  if (startsQuery(ts)) return f({ kind: "Query", plan: parseQueryAt(ts) });
  if (t.type !== "ident") throw ts.error();
  switch (t.value) {
    case "CREATE":
    case "REPLACE":
      return parseCreate(ts);
    case "DROP":
      return parseDrop(ts);
    case "USE": {
      ts.next();
      ts.acceptKw("DATABASE") || ts.acceptKw("SCHEMA") || ts.acceptKw("NAMESPACE");
      return f({ kind: "Use", name: ts.multipartIdentifier() });
    }
    case "INSERT":
      return parseInsert(ts);
    case "ALTER":
      return parseAlter(ts);
    case "SHOW":
      return parseShow(ts);
    case "DESC":
    case "DESCRIBE":
      return parseDescribe(ts);
    case "EXPLAIN": {
      ts.next();
      let mode: ExplainMode = "simple";
      for (const m of ["EXTENDED", "CODEGEN", "COST", "FORMATTED", "LOGICAL"] as const) {
        if (ts.acceptKw(m)) mode = m === "LOGICAL" ? "simple" : (m.toLowerCase() as ExplainMode);
      }
      return f({ kind: "Explain", mode, statement: parseStatementAt(ts) });
    }
    case "SET":
      return parseSet(ts);
    case "RESET": {
      ts.next();
      const from = ts.peek().start;
      while (!ts.atEnd() && !ts.isOp(";")) ts.next();
      const key = ts.pos > 0 && from < ts.peek().start ? rawText(ts, from) : "";
      return f({ kind: "Reset", key: key === "" ? null : key });
    }
    case "CACHE":
      return parseCache(ts);
    case "UNCACHE": {
      ts.next();
      ts.expectKw("TABLE");
      const ifExists = ts.acceptKw("IF", "EXISTS");
      return f({ kind: "UncacheTable", name: ts.multipartIdentifier(), ifExists });
    }
    case "CLEAR":
      ts.next();
      ts.expectKw("CACHE");
      return f({ kind: "ClearCache" });
    case "REFRESH":
      ts.next();
      if (ts.acceptKw("TABLE") || ts.isIdentifier()) {
        return f({ kind: "RefreshTable", name: ts.multipartIdentifier() });
      }
      throw ts.error();
    case "TRUNCATE":
      ts.next();
      ts.expectKw("TABLE");
      {
        const name = ts.multipartIdentifier();
        const partition = ts.acceptKw("PARTITION") ? partitionSpec(ts) : null;
        return f({ kind: "TruncateTable", name, partition });
      }
    case "ANALYZE":
      return parseAnalyze(ts);
    case "DECLARE":
      return parseDeclare(ts);
    case "UPDATE": {
      ts.next();
      const table = ts.multipartIdentifier();
      const alias = tableAliasOf(ts, "SET");
      ts.expectKw("SET");
      const assignments: (readonly [Name, Expression])[] = [];
      do {
        const column = ts.multipartIdentifier();
        ts.expectOp("=");
        assignments.push([column, parseFullExpression(ts)]);
      } while (ts.acceptOp(","));
      const condition = ts.acceptKw("WHERE") ? parseFullExpression(ts) : null;
      return f({ kind: "Update", table, alias, assignments, condition });
    }
    case "MERGE":
      return parseMerge(ts);
    case "DELETE": {
      ts.next();
      ts.expectKw("FROM");
      const table = ts.multipartIdentifier();
      const alias = tableAliasOf(ts, "WHERE");
      const condition = ts.acceptKw("WHERE") ? parseFullExpression(ts) : null;
      return f({ kind: "Delete", table, alias, condition });
    }
    case "COMMENT": {
      ts.next();
      ts.expectKw("ON");
      const objectType = ts.next().value;
      if (!["TABLE", "VIEW", "COLUMN", "DATABASE", "SCHEMA", "NAMESPACE"].includes(objectType)) {
        throw ts.errorAt(ts.peek(-1));
      }
      const name = ts.multipartIdentifier();
      ts.expectKw("IS");
      const comment = ts.acceptKw("NULL") ? null : stringValue(ts);
      return f({ kind: "CommentOn", objectType, name, comment });
    }
    case "EXECUTE":
      return parseExecuteImmediate(ts);
    default:
      throw ts.error();
  }
}

function parseCreate(ts: TokenStream): Statement {
  const replace = ts.acceptKw("REPLACE") || (ts.acceptKw("CREATE") && ts.acceptKw("OR", "REPLACE"));
  const global = ts.acceptKw("GLOBAL");
  const temporary = ts.acceptKw("TEMPORARY") || ts.acceptKw("TEMP");
  const external = ts.acceptKw("EXTERNAL");
  if (ts.acceptKw("DATABASE") || ts.acceptKw("SCHEMA") || ts.acceptKw("NAMESPACE")) {
    const ifNotExists = ts.acceptKw("IF", "NOT", "EXISTS");
    const name = ts.multipartIdentifier();
    let comment: string | null = null;
    let location: string | null = null;
    let properties: Record<string, string> = {};
    for (;;) {
      if (ts.acceptKw("COMMENT")) comment = stringValue(ts);
      else if (ts.acceptKw("LOCATION")) location = stringValue(ts);
      else if (ts.acceptKw("DEFAULT", "COLLATION")) ts.identifier();
      else if (ts.acceptKw("WITH", "DBPROPERTIES") || ts.acceptKw("WITH", "PROPERTIES")) {
        properties = propertyList(ts);
      } else break;
    }
    return f({ kind: "CreateDatabase", name, ifNotExists, comment, location, properties });
  }
  if (ts.acceptKw("FUNCTION")) return parseCreateFunction(ts, replace, temporary);
  if (ts.acceptKw("VIEW")) {
    const ifNotExists = ts.acceptKw("IF", "NOT", "EXISTS");
    const name = ts.multipartIdentifier();
    const using = ts.attempt(() => {
      let schema: StructType | null = null;
      if (ts.isOp("(")) {
        ts.next();
        schema = structType(columnListAt(ts));
        ts.expectOp(")");
      }
      ts.expectKw("USING");
      return schema;
    });
    if (using !== undefined) {
      const provider = ts.multipartIdentifier().join(".");
      const options = ts.acceptKw("OPTIONS") ? propertyList(ts) : {};
      return f({
        kind: "CreateTempViewUsing",
        name,
        replace,
        global,
        schema: using,
        provider,
        options,
      });
    }
    let columns: string[] | null = null;
    let columnComments: (string | null)[] | null = null;
    if (ts.isOp("(")) {
      ts.next();
      columns = [];
      columnComments = [];
      do {
        columns.push(ts.identifier());
        columnComments.push(ts.acceptKw("COMMENT") ? stringValue(ts) : null);
      } while (ts.acceptOp(","));
      ts.expectOp(")");
    }
    let comment: string | null = null;
    let properties: Record<string, string> = {};
    for (;;) {
      if (ts.acceptKw("COMMENT")) comment = stringValue(ts);
      else if (ts.acceptKw("TBLPROPERTIES")) properties = propertyList(ts);
      else if (ts.acceptKw("DEFAULT", "COLLATION")) ts.identifier();
      else if (ts.acceptKw("PARTITIONED", "ON")) identifierList(ts);
      else if (ts.acceptKw("WITH", "SCHEMA")) {
        while (ts.isIdentifier() && !ts.isKw("AS")) ts.next();
      } else break;
    }
    ts.expectKw("AS");
    const from = ts.peek().start;
    const query = parseQueryAt(ts);
    return f({
      kind: "CreateView",
      name,
      replace,
      temporary: temporary || global,
      global,
      ifNotExists,
      columns,
      columnComments,
      comment,
      properties,
      query,
      queryText: rawText(ts, from),
    });
  }
  if (ts.acceptKw("TABLE")) return parseCreateTable(ts, replace, external);
  throw ts.error();
}

function parseCreateTable(ts: TokenStream, replace: boolean, external: boolean): Statement {
  const ifNotExists = ts.acceptKw("IF", "NOT", "EXISTS");
  const name = ts.multipartIdentifier();
  if (ts.acceptKw("LIKE")) {
    const source = ts.multipartIdentifier();
    let provider: string | null = null;
    let location: string | null = null;
    let properties: Record<string, string> = {};
    for (;;) {
      if (ts.acceptKw("USING")) provider = ts.multipartIdentifier().join(".");
      else if (ts.acceptKw("LOCATION")) location = stringValue(ts);
      else if (ts.acceptKw("TBLPROPERTIES")) properties = propertyList(ts);
      else break;
    }
    return f({
      kind: "CreateTableLike",
      name,
      source,
      ifNotExists,
      provider,
      location,
      properties,
    });
  }
  let schema: StructType | null = null;
  if (ts.isOp("(") && !startsQuery(ts)) {
    ts.next();
    const fields: StructField[] = [];
    do {
      fields.push(columnDefinitionAt(ts));
      if (ts.acceptKw("DEFAULT")) parseFullExpression(ts);
    } while (ts.acceptOp(","));
    ts.expectOp(")");
    schema = structType(fields);
  }
  let provider: string | null = null;
  let partitionColumns: string[] = [];
  let options: Record<string, string> = {};
  let properties: Record<string, string> = {};
  let location: string | null = null;
  let comment: string | null = null;
  let hiveFormat = false;
  for (;;) {
    if (ts.acceptKw("USING")) provider = ts.multipartIdentifier().join(".");
    else if (ts.acceptKw("PARTITIONED", "BY")) {
      ts.expectOp("(");
      partitionColumns = [];
      do {
        partitionColumns.push(ts.identifier());
        // `PARTITIONED BY (p int)` in Hive style: a typed column
        if (ts.isIdentifier()) parseDataTypeAt(ts);
      } while (ts.acceptOp(","));
      ts.expectOp(")");
    } else if (ts.acceptKw("OPTIONS")) options = propertyList(ts);
    else if (ts.acceptKw("TBLPROPERTIES")) properties = propertyList(ts);
    else if (ts.acceptKw("LOCATION")) location = stringValue(ts);
    else if (ts.acceptKw("COMMENT")) comment = stringValue(ts);
    else if (ts.acceptKw("DEFAULT", "COLLATION")) ts.identifier();
    else if (ts.acceptKw("CLUSTER", "BY")) identifierList(ts);
    else if (ts.acceptKw("CLUSTERED", "BY")) {
      identifierList(ts);
      if (ts.acceptKw("SORTED", "BY")) {
        ts.expectOp("(");
        do {
          ts.identifier();
          if (!ts.acceptKw("ASC")) ts.acceptKw("DESC");
        } while (ts.acceptOp(","));
        ts.expectOp(")");
      }
      ts.expectKw("INTO");
      ts.next();
      ts.expectKw("BUCKETS");
    } else if (ts.acceptKw("STORED", "AS")) {
      provider = ts.identifier().toLowerCase();
      hiveFormat = true;
    } else if (ts.acceptKw("ROW", "FORMAT")) throw unsupported(ts, "ROW FORMAT");
    else break;
  }
  let query: LogicalPlan | null = null;
  if (ts.acceptKw("AS") || startsQuery(ts)) query = parseQueryAt(ts);
  return f({
    kind: "CreateTable",
    name,
    replace,
    ifNotExists,
    external,
    schema,
    provider,
    partitionColumns,
    options,
    properties,
    location,
    comment,
    query,
    ...(hiveFormat ? { hiveFormat } : {}),
  });
}

function parseDrop(ts: TokenStream): Statement {
  ts.expectKw("DROP");
  if (ts.acceptKw("DATABASE") || ts.acceptKw("SCHEMA") || ts.acceptKw("NAMESPACE")) {
    const ifExists = ts.acceptKw("IF", "EXISTS");
    const name = ts.multipartIdentifier();
    const cascade = ts.acceptKw("CASCADE");
    if (!cascade) ts.acceptKw("RESTRICT");
    return f({ kind: "DropDatabase", name, ifExists, cascade });
  }
  const temporary = ts.acceptKw("TEMPORARY") || ts.acceptKw("TEMP");
  if (ts.acceptKw("FUNCTION")) {
    const ifExists = ts.acceptKw("IF", "EXISTS");
    return f({ kind: "DropFunction", name: ts.multipartIdentifier(), temporary, ifExists });
  }
  if (temporary && (ts.acceptKw("VARIABLE") || ts.acceptKw("VAR"))) {
    const ifExists = ts.acceptKw("IF", "EXISTS");
    return f({ kind: "DropVariable", name: ts.multipartIdentifier(), ifExists });
  }
  const isView = ts.acceptKw("VIEW");
  if (!isView) ts.expectKw("TABLE");
  const ifExists = ts.acceptKw("IF", "EXISTS");
  const name = ts.multipartIdentifier();
  const purge = ts.acceptKw("PURGE");
  return f({ kind: "DropTable", name, ifExists, isView, purge });
}

function parseInsert(ts: TokenStream): Statement {
  ts.expectKw("INSERT");
  const overwrite = ts.acceptKw("OVERWRITE");
  if (!overwrite) ts.expectKw("INTO");
  ts.acceptKw("TABLE");
  if (ts.isKw("DIRECTORY") || ts.isKw("LOCAL")) throw unsupported(ts, "INSERT OVERWRITE DIRECTORY");
  const table = ts.multipartIdentifier();
  let partition: Record<string, string | null> | null = null;
  if (ts.acceptKw("PARTITION")) partition = partitionSpec(ts);
  const ifNotExists = ts.acceptKw("IF", "NOT", "EXISTS");
  let columns: string[] | null = null;
  let byName = false;
  if (ts.acceptKw("BY", "NAME")) byName = true;
  else if (ts.isOp("(") && !startsQuery(ts)) columns = identifierList(ts);
  if (ts.acceptKw("REPLACE", "WHERE")) parseFullExpression(ts);
  const query = parseQueryAt(ts);
  return f({ kind: "Insert", table, overwrite, ifNotExists, partition, columns, byName, query });
}

function parseAlter(ts: TokenStream): Statement {
  ts.expectKw("ALTER");
  if (ts.acceptKw("DATABASE") || ts.acceptKw("SCHEMA") || ts.acceptKw("NAMESPACE")) {
    const name = ts.multipartIdentifier();
    ts.expectKw("SET");
    if (!ts.acceptKw("DBPROPERTIES")) ts.expectKw("PROPERTIES");
    return f({ kind: "AlterDatabaseProperties", name, properties: propertyList(ts) });
  }
  const isView = ts.acceptKw("VIEW");
  if (!isView) ts.expectKw("TABLE");
  const name = ts.multipartIdentifier();
  if (ts.acceptKw("RENAME", "TO")) {
    return f({ kind: "AlterTableRename", from: name, to: ts.multipartIdentifier(), isView });
  }
  if (ts.acceptKw("ADD", "COLUMNS") || ts.acceptKw("ADD", "COLUMN")) {
    const paren = ts.acceptOp("(");
    const columns: StructField[] = [];
    do {
      columns.push(columnDefinitionAt(ts));
    } while (ts.acceptOp(","));
    if (paren) ts.expectOp(")");
    return f({ kind: "AlterTableAddColumns", name, columns });
  }
  if (ts.acceptKw("SET", "TBLPROPERTIES")) {
    return f({ kind: "AlterTableSetProperties", name, isView, properties: propertyList(ts) });
  }
  if (ts.acceptKw("UNSET", "TBLPROPERTIES")) {
    const ifExists = ts.acceptKw("IF", "EXISTS");
    const keys = Object.keys(propertyList(ts));
    return f({ kind: "AlterTableUnsetProperties", name, isView, keys, ifExists });
  }
  if (ts.acceptKw("RENAME", "COLUMN")) {
    const from = ts.multipartIdentifier();
    ts.expectKw("TO");
    return f({ kind: "AlterTableRenameColumn", name, from, to: ts.identifier() });
  }
  if (ts.acceptKw("DROP", "COLUMNS") || ts.acceptKw("DROP", "COLUMN")) {
    const ifExists = ts.acceptKw("IF", "EXISTS");
    const paren = ts.acceptOp("(");
    const columns = [ts.multipartIdentifier()];
    while (ts.acceptOp(",")) columns.push(ts.multipartIdentifier());
    if (paren) ts.expectOp(")");
    return f({ kind: "AlterTableDropColumns", name, columns, ifExists });
  }
  if (ts.acceptKw("ALTER") || ts.acceptKw("CHANGE")) {
    ts.acceptKw("COLUMN");
    const column = ts.multipartIdentifier();
    let dataType: DataType | null = null;
    let comment: string | null = null;
    let nullable: boolean | null = null;
    // `CHANGE a a INT`: Hive syntax names the column twice
    if (ts.isIdentifier() && !ts.isAnyKw(ALTER_COLUMN_WORDS) && !startsDataType(ts))
      ts.identifier();
    for (;;) {
      if (ts.acceptKw("TYPE")) dataType = parseDataTypeAt(ts);
      else if (ts.acceptKw("COMMENT")) comment = stringValue(ts);
      else if (ts.acceptKw("SET", "NOT", "NULL")) nullable = false;
      else if (ts.acceptKw("DROP", "NOT", "NULL")) nullable = true;
      else if (ts.acceptKw("FIRST")) continue;
      else if (ts.acceptKw("AFTER")) ts.identifier();
      else if (startsDataType(ts)) dataType = parseDataTypeAt(ts);
      else break;
    }
    return f({ kind: "AlterTableAlterColumn", name, column, dataType, comment, nullable });
  }
  if (ts.isKw("ADD") || ts.isKw("DROP") || ts.isKw("PARTITION")) {
    let action: "ADD" | "DROP" | "RENAME" = "RENAME";
    if (ts.acceptKw("ADD")) action = "ADD";
    else if (ts.acceptKw("DROP")) action = "DROP";
    const ifExists = ts.acceptKw("IF", "EXISTS") || ts.acceptKw("IF", "NOT", "EXISTS");
    const partitions: Record<string, string | null>[] = [];
    while (ts.acceptKw("PARTITION")) {
      partitions.push(partitionSpec(ts));
      if (ts.acceptKw("LOCATION")) stringValue(ts);
      if (action === "RENAME") ts.expectKw("RENAME", "TO");
      ts.acceptOp(",");
    }
    if (partitions.length === 0) throw ts.error();
    ts.acceptKw("PURGE");
    return f({ kind: "AlterTablePartitions", name, action, partitions, ifExists });
  }
  if (ts.isKw("SET") && ts.isKw("LOCATION", 1)) {
    ts.next();
    ts.next();
    return f({ kind: "AlterTableSetLocation", name, location: stringValue(ts) });
  }
  if (isView && ts.acceptKw("AS")) {
    const from = ts.peek().start;
    const query = parseQueryAt(ts);
    return f({ kind: "AlterViewAs", name, query, queryText: rawText(ts, from) });
  }
  throw unsupported(ts, `ALTER ${isView ? "VIEW" : "TABLE"} ${ts.peek().text}`);
}

const ALTER_COLUMN_WORDS = new Set(["TYPE", "COMMENT", "SET", "DROP", "FIRST", "AFTER"]);

function optionalPattern(ts: TokenStream): string | null {
  ts.acceptKw("LIKE");
  return ts.peek().type === "string" ? stringValue(ts) : null;
}

function parseShow(ts: TokenStream): Statement {
  ts.expectKw("SHOW");
  if (ts.acceptKw("DATABASES") || ts.acceptKw("SCHEMAS") || ts.acceptKw("NAMESPACES")) {
    return f({ kind: "ShowDatabases", pattern: optionalPattern(ts) });
  }
  if (ts.acceptKw("CURRENT")) {
    if (!ts.acceptKw("NAMESPACE") && !ts.acceptKw("SCHEMA")) ts.expectKw("DATABASE");
    return f({ kind: "ShowCurrentNamespace" });
  }
  if (ts.acceptKw("CATALOGS")) return f({ kind: "ShowCatalogs", pattern: optionalPattern(ts) });
  const views = ts.isKw("VIEWS");
  if (ts.acceptKw("TABLES") || ts.acceptKw("VIEWS") || ts.isKw("TABLE", 0)) {
    let extended = false;
    if (ts.acceptKw("TABLE")) {
      ts.expectKw("EXTENDED");
      extended = true;
    }
    let database: string[] | null = null;
    if (ts.acceptKw("FROM") || ts.acceptKw("IN")) database = ts.multipartIdentifier();
    const pattern = optionalPattern(ts);
    if (extended && pattern === null) throw ts.error();
    if (extended && ts.acceptKw("PARTITION")) partitionSpec(ts);
    return f({ kind: "ShowTables", database, pattern, views, extended });
  }
  if (ts.acceptKw("COLUMNS")) {
    if (!ts.acceptKw("FROM")) ts.expectKw("IN");
    const table = ts.multipartIdentifier();
    let database: string[] | null = null;
    if (ts.acceptKw("FROM") || ts.acceptKw("IN")) database = ts.multipartIdentifier();
    return f({ kind: "ShowColumns", table, database });
  }
  let scope: "ALL" | "USER" | "SYSTEM" = "ALL";
  if (ts.acceptKw("USER")) scope = "USER";
  else if (ts.acceptKw("SYSTEM")) scope = "SYSTEM";
  else ts.acceptKw("ALL");
  if (ts.acceptKw("FUNCTIONS")) {
    if (ts.acceptKw("FROM") || ts.acceptKw("IN")) ts.multipartIdentifier();
    let pattern = optionalPattern(ts);
    if (pattern === null && ts.isIdentifier()) pattern = ts.multipartIdentifier().join(".");
    return f({ kind: "ShowFunctions", scope, pattern });
  }
  if (ts.acceptKw("CREATE", "TABLE")) {
    const name = ts.multipartIdentifier();
    return f({ kind: "ShowCreateTable", name, asSerde: ts.acceptKw("AS", "SERDE") });
  }
  if (ts.acceptKw("TBLPROPERTIES")) {
    const name = ts.multipartIdentifier();
    let key: string | null = null;
    if (ts.acceptOp("(")) {
      key = ts.peek().type === "string" ? stringValue(ts) : ts.multipartIdentifier().join(".");
      ts.expectOp(")");
    }
    return f({ kind: "ShowTableProperties", name, key });
  }
  if (ts.acceptKw("PARTITIONS")) {
    const name = ts.multipartIdentifier();
    const partition = ts.acceptKw("PARTITION") ? partitionSpec(ts) : null;
    return f({ kind: "ShowPartitions", name, partition });
  }
  throw unsupported(ts, `SHOW ${ts.peek().text}`);
}

function parseDescribe(ts: TokenStream): Statement {
  ts.next();
  if (ts.acceptKw("FUNCTION")) {
    const extended = ts.acceptKw("EXTENDED");
    let name: string[];
    if (ts.peek().type === "string") name = [stringValue(ts)];
    else if (ts.peek().type === "op") name = [ts.next().text];
    else name = ts.multipartIdentifier();
    return f({ kind: "DescribeFunction", name, extended });
  }
  if (ts.acceptKw("DATABASE") || ts.acceptKw("SCHEMA") || ts.acceptKw("NAMESPACE")) {
    const extended = ts.acceptKw("EXTENDED");
    return f({ kind: "DescribeDatabase", name: ts.multipartIdentifier(), extended });
  }
  if (ts.acceptKw("QUERY") || (!ts.isKw("TABLE") && startsQuery(ts))) {
    return f({ kind: "DescribeQuery", plan: parseQueryAt(ts) });
  }
  ts.acceptKw("TABLE");
  const extended = ts.acceptKw("EXTENDED") || ts.acceptKw("FORMATTED");
  const name = ts.multipartIdentifier();
  let partition: Record<string, string | null> | null = null;
  if (ts.acceptKw("PARTITION")) partition = partitionSpec(ts);
  let column: string[] | null = null;
  if (ts.isIdentifier() && !(ts.isKw("AS") && ts.isKw("JSON", 1)))
    column = ts.multipartIdentifier();
  ts.acceptKw("AS", "JSON");
  return f({ kind: "DescribeTable", name, extended, column, partition });
}

function parseSet(ts: TokenStream): Statement {
  ts.expectKw("SET");
  if (ts.acceptKw("TIME", "ZONE")) {
    if (ts.acceptKw("LOCAL")) return f({ kind: "SetTimeZone", zone: null });
    if (ts.peek().type === "string") return f({ kind: "SetTimeZone", zone: stringValue(ts) });
    const from = ts.peek().start;
    parseFullExpression(ts);
    return f({ kind: "SetTimeZone", zone: rawText(ts, from) });
  }
  if (ts.acceptKw("VARIABLE") || ts.acceptKw("VAR")) return parseSetVariable(ts);
  if (ts.isOp("-") && ts.isKw("V", 1)) {
    ts.next();
    ts.next();
    return f({ kind: "Set", key: null, value: null, verbose: true });
  }
  if (ts.atEnd() || ts.isOp(";")) return f({ kind: "Set", key: null, value: null, verbose: false });
  // the key runs up to `=` and the value is the raw rest of the statement
  const from = ts.peek().start;
  while (!ts.atEnd() && !ts.isOp("=") && !ts.isOp(";")) ts.next();
  const key = ts.peek().start > from ? rawText(ts, from) : "";
  if (!ts.acceptOp("=")) {
    return f({ kind: "Set", key: unquote(key), value: null, verbose: false });
  }
  const vFrom = ts.peek().start;
  while (!ts.atEnd() && !ts.isOp(";")) ts.next();
  const value = ts.peek().start > vFrom ? rawText(ts, vFrom) : "";
  return f({ kind: "Set", key: unquote(key), value: unquote(value), verbose: false });
}

function unquote(s: string): string {
  if (s.length >= 2 && (s.startsWith("`") || s.startsWith("'") || s.startsWith('"'))) {
    const q = s[0];
    if (s.endsWith(q ?? "")) return s.slice(1, -1);
  }
  return s;
}

function parseCache(ts: TokenStream): Statement {
  ts.expectKw("CACHE");
  const lazy = ts.acceptKw("LAZY");
  ts.expectKw("TABLE");
  const name = ts.multipartIdentifier();
  let options: Record<string, string> = {};
  if (ts.acceptKw("OPTIONS")) options = propertyList(ts);
  let query: LogicalPlan | null = null;
  if (ts.acceptKw("AS") || startsQuery(ts)) query = parseQueryAt(ts);
  return f({ kind: "CacheTable", name, lazy, options, query });
}

function parseAnalyze(ts: TokenStream): Statement {
  ts.expectKw("ANALYZE");
  if (ts.acceptKw("TABLES")) {
    let database: string[] | null = null;
    if (ts.acceptKw("FROM") || ts.acceptKw("IN")) database = ts.multipartIdentifier();
    ts.expectKw("COMPUTE", "STATISTICS");
    return f({ kind: "AnalyzeTables", database, noScan: ts.acceptKw("NOSCAN") });
  }
  ts.expectKw("TABLE");
  const name = ts.multipartIdentifier();
  if (ts.acceptKw("PARTITION")) partitionSpec(ts);
  ts.expectKw("COMPUTE", "STATISTICS");
  if (ts.acceptKw("NOSCAN")) return f({ kind: "AnalyzeTable", name, noScan: true, columns: null });
  if (ts.acceptKw("FOR", "ALL", "COLUMNS")) {
    return f({ kind: "AnalyzeTable", name, noScan: false, columns: "ALL" });
  }
  if (ts.acceptKw("FOR", "COLUMNS")) {
    const columns = [ts.multipartIdentifier().join(".")];
    while (ts.acceptOp(",")) columns.push(ts.multipartIdentifier().join("."));
    return f({ kind: "AnalyzeTable", name, noScan: false, columns });
  }
  return f({ kind: "AnalyzeTable", name, noScan: false, columns: null });
}

function parseMerge(ts: TokenStream): Statement {
  ts.expectKw("MERGE");
  const schemaEvolution = ts.acceptKw("WITH", "SCHEMA", "EVOLUTION");
  ts.expectKw("INTO");
  const target = ts.multipartIdentifier();
  const targetAlias = tableAliasOf(ts, "USING");
  ts.expectKw("USING");
  let source: LogicalPlan;
  if (ts.isOp("(")) {
    ts.next();
    source = parseQueryAt(ts);
    ts.expectOp(")");
  } else source = unresolvedRelation(ts.multipartIdentifier());
  const sourceAlias = tableAliasOf(ts, "ON");
  if (sourceAlias !== null) source = subqueryAlias([sourceAlias], source);
  ts.expectKw("ON");
  const condition = parseFullExpression(ts);
  const clauses: MergeClause[] = [];
  while (ts.acceptKw("WHEN")) {
    let when: MergeClause["when"] = "MATCHED";
    if (ts.acceptKw("NOT", "MATCHED")) {
      if (ts.acceptKw("BY", "SOURCE")) when = "NOT MATCHED BY SOURCE";
      else {
        ts.acceptKw("BY", "TARGET");
        when = "NOT MATCHED";
      }
    } else ts.expectKw("MATCHED");
    const clauseCondition = ts.acceptKw("AND") ? parseFullExpression(ts) : null;
    ts.expectKw("THEN");
    let action: MergeClause["action"];
    if (ts.acceptKw("DELETE")) action = { kind: "Delete" };
    else if (ts.acceptKw("UPDATE", "SET")) {
      if (ts.acceptOp("*")) action = { kind: "Update", assignments: "*" };
      else {
        const assignments: (readonly [Name, Expression])[] = [];
        do {
          const column = ts.multipartIdentifier();
          ts.expectOp("=");
          assignments.push([column, parseFullExpression(ts)]);
        } while (ts.acceptOp(","));
        action = { kind: "Update", assignments };
      }
    } else {
      ts.expectKw("INSERT");
      if (ts.acceptOp("*")) action = { kind: "Insert", columns: null, values: "*" };
      else {
        let columns: Name[] | null = null;
        if (ts.acceptOp("(")) {
          columns = [ts.multipartIdentifier()];
          while (ts.acceptOp(",")) columns.push(ts.multipartIdentifier());
          ts.expectOp(")");
        }
        ts.expectKw("VALUES");
        ts.expectOp("(");
        const values = [parseFullExpression(ts)];
        while (ts.acceptOp(",")) values.push(parseFullExpression(ts));
        ts.expectOp(")");
        action = { kind: "Insert", columns, values };
      }
    }
    clauses.push(f({ when, condition: clauseCondition, action: f(action) }));
  }
  if (clauses.length === 0) throw ts.error();
  return f({ kind: "Merge", target, targetAlias, source, condition, clauses, schemaEvolution });
}

/** `[AS] alias` before the keyword `next`. */
function tableAliasOf(ts: TokenStream, next: string): string | null {
  if (ts.acceptKw("AS")) return ts.identifier();
  if (ts.isIdentifier() && !ts.isKw(next)) return ts.identifier();
  return null;
}

/** A statement inside a script, where `SET name = expr` assigns a variable. */
function parseScriptLeaf(ts: TokenStream): Statement {
  if (ts.isKw("SET") && !ts.isKw("VAR", 1) && !ts.isKw("VARIABLE", 1)) {
    let k = 1;
    while (ts.isIdentifier(k) && ts.isOp(".", k + 1)) k += 2;
    if ((ts.isIdentifier(k) && ts.isOp("=", k + 1)) || ts.isOp("(", 1)) {
      ts.next();
      return parseSetVariable(ts);
    }
  }
  return parseStatementAt(ts);
}

function parseSetVariable(ts: TokenStream): Statement {
  if (ts.acceptOp("(")) {
    const names = [ts.multipartIdentifier()];
    while (ts.acceptOp(",")) names.push(ts.multipartIdentifier());
    ts.expectOp(")");
    ts.expectOp("=");
    ts.expectOp("(");
    const query = parseQueryAt(ts);
    ts.expectOp(")");
    return f({ kind: "SetVariable", names, values: null, query });
  }
  const names: string[][] = [];
  const values: Expression[] = [];
  do {
    names.push(ts.multipartIdentifier());
    ts.expectOp("=");
    if (ts.acceptKw("DEFAULT")) values.push(literalDefault);
    else values.push(parseFullExpression(ts));
  } while (ts.acceptOp(","));
  return f({ kind: "SetVariable", names, values, query: null });
}

/** `SET VAR x = DEFAULT` resets the variable to its declared default. */
const literalDefault: Expression = Object.freeze({
  kind: "UnresolvedAttribute",
  nameParts: Object.freeze(["DEFAULT"]),
});

function parseDeclare(ts: TokenStream): Statement {
  const start = ts.peek();
  ts.expectKw("DECLARE");
  const replace = ts.acceptKw("OR", "REPLACE");
  // VARIABLE / VAR is optional: `DECLARE var = 1` declares a variable named `var`
  if ((ts.isKw("VARIABLE") || ts.isKw("VAR")) && ts.isIdentifier(1) && !ts.isOp("(", 1)) ts.next();
  const names = [ts.multipartIdentifier()];
  while (ts.acceptOp(",")) names.push(ts.multipartIdentifier());
  let dataType: DataType | null = null;
  if (startsDataType(ts) && !ts.isKw("DEFAULT")) dataType = parseDataTypeAt(ts);
  let defaultValue: Expression | null = null;
  if (ts.acceptKw("DEFAULT") || ts.acceptOp("=")) defaultValue = parseFullExpression(ts);
  if (dataType === null && defaultValue === null) {
    throw new FlintError(
      "INVALID_SQL_SYNTAX.VARIABLE_TYPE_OR_DEFAULT_REQUIRED",
      {},
      {
        context: ts.contextFrom(start),
      },
    );
  }
  return f({ kind: "DeclareVariable", names, replace, dataType, defaultValue });
}

function parseExecuteImmediate(ts: TokenStream): Statement {
  ts.expectKw("EXECUTE", "IMMEDIATE");
  const query = parseFullExpression(ts);
  const into: string[][] = [];
  let args: Expression[] = [];
  for (;;) {
    if (ts.acceptKw("INTO")) {
      do {
        into.push(ts.multipartIdentifier());
      } while (ts.acceptOp(","));
    } else if (ts.acceptKw("USING")) {
      args = [];
      do {
        args.push(parseNamedExpression(ts));
      } while (ts.acceptOp(","));
    } else break;
  }
  return f({ kind: "ExecuteImmediate", query, into, args });
}

function parseCreateFunction(ts: TokenStream, replace: boolean, temporary: boolean): Statement {
  const ifNotExists = ts.acceptKw("IF", "NOT", "EXISTS");
  const name = ts.multipartIdentifier();
  const base = { kind: "CreateFunction" as const, name, replace, temporary, ifNotExists };
  if (ts.acceptKw("AS")) {
    const className = stringValue(ts);
    if (ts.acceptKw("USING")) {
      do {
        ts.next();
        stringValue(ts);
      } while (ts.acceptOp(","));
    }
    return f({
      ...base,
      className,
      params: null,
      returns: null,
      returnsTable: false,
      body: null,
      bodyText: null,
    });
  }
  ts.expectOp("(");
  const params: StructField[] = [];
  if (!ts.isOp(")")) {
    do {
      params.push(columnDefinitionAt(ts));
      if (ts.acceptKw("DEFAULT")) parseFullExpression(ts);
      if (ts.acceptKw("COMMENT")) stringValue(ts);
    } while (ts.acceptOp(","));
  }
  ts.expectOp(")");
  let returns: DataType | null = null;
  let returnsTable = false;
  if (ts.acceptKw("RETURNS")) {
    if (ts.acceptKw("TABLE")) {
      returnsTable = true;
      if (ts.acceptOp("(")) {
        returns = ts.isOp(")") ? structType([]) : structType(columnListAt(ts));
        ts.expectOp(")");
      }
    } else returns = parseDataTypeAt(ts);
  }
  for (;;) {
    if (ts.acceptKw("LANGUAGE")) ts.identifier();
    else if (ts.acceptKw("NOT", "DETERMINISTIC") || ts.acceptKw("DETERMINISTIC")) continue;
    else if (ts.acceptKw("COMMENT")) stringValue(ts);
    else if (ts.acceptKw("CONTAINS", "SQL") || ts.acceptKw("NO", "SQL")) continue;
    else if (ts.acceptKw("READS", "SQL", "DATA") || ts.acceptKw("MODIFIES", "SQL", "DATA"))
      continue;
    else if (ts.acceptKw("SQL", "SECURITY")) ts.identifier();
    else if (ts.acceptKw("ENVIRONMENT")) propertyList(ts);
    else break;
  }
  let body: Expression | LogicalPlan | null = null;
  let bodyText: string | null = null;
  if (ts.acceptKw("RETURN")) {
    const from = ts.peek().start;
    body = startsQuery(ts) ? parseQueryAt(ts) : parseFullExpression(ts);
    bodyText = rawText(ts, from);
  } else if (ts.acceptKw("AS")) {
    bodyText = stringValue(ts);
  }
  return f({
    ...base,
    className: null,
    params: structType(params),
    returns,
    returnsTable,
    body,
    bodyText,
  });
}
