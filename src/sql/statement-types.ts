/**
 * The statements `parseStatement` returns: a query, or a command as plain data for the
 * session layer to run (DDL, DML, SHOW, DESCRIBE, EXPLAIN, SET, CACHE, ANALYZE, scripts).
 * Names are multipart as written (`db.t` -> ["db", "t"]); the session resolves them.
 */
import type { Expression } from "../catalyst/expressions/expression.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import type { DataType, StructField, StructType } from "../types/data-types.ts";
import type { ScriptStatement } from "./scripting.ts";

export type Name = readonly string[];
export type Props = Readonly<Record<string, string>>;

export type ExplainMode = "simple" | "extended" | "codegen" | "cost" | "formatted";

export type Statement =
  | { readonly kind: "Query"; readonly plan: LogicalPlan }
  | {
      readonly kind: "CreateDatabase";
      readonly name: Name;
      readonly ifNotExists: boolean;
      readonly comment: string | null;
      readonly location: string | null;
      readonly properties: Props;
    }
  | {
      readonly kind: "DropDatabase";
      readonly name: Name;
      readonly ifExists: boolean;
      readonly cascade: boolean;
    }
  | { readonly kind: "Use"; readonly name: Name }
  /** `ALTER DATABASE db SET DBPROPERTIES (...)`. */
  | { readonly kind: "AlterDatabaseProperties"; readonly name: Name; readonly properties: Props }
  /** `CREATE TABLE [IF NOT EXISTS] t LIKE source [USING f] [LOCATION p] [TBLPROPERTIES]`. */
  | {
      readonly kind: "CreateTableLike";
      readonly name: Name;
      readonly source: Name;
      readonly ifNotExists: boolean;
      readonly provider: string | null;
      readonly location: string | null;
      readonly properties: Props;
    }
  | {
      readonly kind: "CreateView";
      readonly name: Name;
      readonly replace: boolean;
      readonly temporary: boolean;
      readonly global: boolean;
      readonly ifNotExists: boolean;
      readonly columns: readonly string[] | null;
      /** Comments of the listed columns (null where none is given). */
      readonly columnComments: readonly (string | null)[] | null;
      readonly comment: string | null;
      readonly properties: Props;
      readonly query: LogicalPlan;
      /** The text of the view's query, as stored in the catalog. */
      readonly queryText: string;
    }
  | {
      readonly kind: "CreateTable";
      readonly name: Name;
      readonly replace: boolean;
      readonly ifNotExists: boolean;
      readonly external: boolean;
      readonly schema: StructType | null;
      readonly provider: string | null;
      readonly partitionColumns: readonly string[];
      readonly options: Props;
      readonly properties: Props;
      readonly location: string | null;
      readonly comment: string | null;
      readonly query: LogicalPlan | null;
      /** `STORED AS format`: a Hive table. */
      readonly hiveFormat?: boolean;
    }
  | {
      readonly kind: "Insert";
      readonly table: Name;
      readonly overwrite: boolean;
      readonly ifNotExists: boolean;
      /** `PARTITION (k = v, k2)`: a null value is a dynamic partition column. */
      readonly partition: Readonly<Record<string, string | null>> | null;
      readonly columns: readonly string[] | null;
      readonly byName: boolean;
      readonly query: LogicalPlan;
    }
  | {
      readonly kind: "DropTable";
      readonly name: Name;
      readonly ifExists: boolean;
      readonly isView: boolean;
      readonly purge: boolean;
    }
  | {
      readonly kind: "AlterTableRename";
      readonly from: Name;
      readonly to: Name;
      readonly isView: boolean;
    }
  | {
      readonly kind: "AlterTableAddColumns";
      readonly name: Name;
      readonly columns: readonly StructField[];
    }
  | {
      readonly kind: "AlterTableSetProperties";
      readonly name: Name;
      readonly isView: boolean;
      readonly properties: Props;
    }
  | {
      readonly kind: "AlterTableUnsetProperties";
      readonly name: Name;
      readonly isView: boolean;
      readonly keys: readonly string[];
      readonly ifExists: boolean;
    }
  | {
      readonly kind: "AlterTableRenameColumn";
      readonly name: Name;
      readonly from: Name;
      readonly to: string;
    }
  | {
      readonly kind: "AlterTableDropColumns";
      readonly name: Name;
      readonly columns: readonly Name[];
      readonly ifExists: boolean;
    }
  /** `ALTER TABLE t ALTER|CHANGE [COLUMN] c [TYPE t] [COMMENT 'x'] [SET|DROP NOT NULL]`. */
  | {
      readonly kind: "AlterTableAlterColumn";
      readonly name: Name;
      readonly column: Name;
      readonly dataType: DataType | null;
      readonly comment: string | null;
      readonly nullable: boolean | null;
    }
  | {
      readonly kind: "AlterTablePartitions";
      readonly name: Name;
      readonly action: "ADD" | "DROP" | "RENAME";
      readonly partitions: readonly Readonly<Record<string, string | null>>[];
      readonly ifExists: boolean;
    }
  | { readonly kind: "AlterTableSetLocation"; readonly name: Name; readonly location: string }
  | {
      readonly kind: "AlterViewAs";
      readonly name: Name;
      readonly query: LogicalPlan;
      readonly queryText: string;
    }
  /** `COMMENT ON TABLE|COLUMN|SCHEMA name IS 'text' | NULL`. */
  | {
      readonly kind: "CommentOn";
      readonly objectType: string;
      readonly name: Name;
      readonly comment: string | null;
    }
  | { readonly kind: "ShowDatabases"; readonly pattern: string | null }
  | { readonly kind: "ShowCurrentNamespace" }
  | { readonly kind: "ShowCatalogs"; readonly pattern: string | null }
  | {
      readonly kind: "ShowTables";
      readonly database: Name | null;
      readonly pattern: string | null;
      readonly views: boolean;
      readonly extended: boolean;
    }
  | { readonly kind: "ShowColumns"; readonly table: Name; readonly database: Name | null }
  | {
      readonly kind: "ShowFunctions";
      readonly scope: "ALL" | "USER" | "SYSTEM";
      readonly pattern: string | null;
    }
  | { readonly kind: "ShowCreateTable"; readonly name: Name; readonly asSerde: boolean }
  | { readonly kind: "ShowTableProperties"; readonly name: Name; readonly key: string | null }
  | {
      readonly kind: "ShowPartitions";
      readonly name: Name;
      readonly partition: Readonly<Record<string, string | null>> | null;
    }
  | {
      readonly kind: "DescribeTable";
      readonly name: Name;
      readonly extended: boolean;
      readonly column: Name | null;
      readonly partition: Readonly<Record<string, string | null>> | null;
    }
  | { readonly kind: "DescribeQuery"; readonly plan: LogicalPlan }
  | { readonly kind: "DescribeFunction"; readonly name: Name; readonly extended: boolean }
  | { readonly kind: "DescribeDatabase"; readonly name: Name; readonly extended: boolean }
  | { readonly kind: "Explain"; readonly mode: ExplainMode; readonly statement: Statement }
  /** `SET` (key null: list), `SET -v`, `SET key`, `SET key = value`. */
  | {
      readonly kind: "Set";
      readonly key: string | null;
      readonly value: string | null;
      readonly verbose: boolean;
    }
  | { readonly kind: "Reset"; readonly key: string | null }
  | { readonly kind: "SetTimeZone"; readonly zone: string | null }
  | {
      readonly kind: "CacheTable";
      readonly name: Name;
      readonly lazy: boolean;
      readonly options: Props;
      readonly query: LogicalPlan | null;
    }
  | { readonly kind: "UncacheTable"; readonly name: Name; readonly ifExists: boolean }
  | { readonly kind: "ClearCache" }
  | { readonly kind: "RefreshTable"; readonly name: Name }
  | {
      readonly kind: "TruncateTable";
      readonly name: Name;
      readonly partition: Readonly<Record<string, string | null>> | null;
    }
  | {
      readonly kind: "AnalyzeTable";
      readonly name: Name;
      readonly noScan: boolean;
      /** null: table statistics only; "ALL": FOR ALL COLUMNS. */
      readonly columns: readonly string[] | "ALL" | null;
    }
  | {
      readonly kind: "AnalyzeTables";
      readonly database: Name | null;
      readonly noScan: boolean;
    }
  /** `CREATE TEMPORARY VIEW v [(schema)] USING format OPTIONS (...)`. */
  | {
      readonly kind: "CreateTempViewUsing";
      readonly name: Name;
      readonly replace: boolean;
      readonly global: boolean;
      readonly schema: StructType | null;
      readonly provider: string;
      readonly options: Props;
    }
  /** `CREATE FUNCTION f AS 'class'` or a SQL function `f(params) RETURNS t RETURN body`. */
  | {
      readonly kind: "CreateFunction";
      readonly name: Name;
      readonly replace: boolean;
      readonly temporary: boolean;
      readonly ifNotExists: boolean;
      readonly className: string | null;
      readonly params: StructType | null;
      /** null: inferred; a struct for `RETURNS TABLE (...)`. */
      readonly returns: DataType | null;
      readonly returnsTable: boolean;
      readonly body: Expression | LogicalPlan | null;
      readonly bodyText: string | null;
    }
  | {
      readonly kind: "DropFunction";
      readonly name: Name;
      readonly temporary: boolean;
      readonly ifExists: boolean;
    }
  /** `DECLARE [OR REPLACE] [VARIABLE] name [type] [DEFAULT expr]` (session variables). */
  | {
      readonly kind: "DeclareVariable";
      readonly names: readonly Name[];
      readonly replace: boolean;
      readonly dataType: DataType | null;
      readonly defaultValue: Expression | null;
    }
  | { readonly kind: "DropVariable"; readonly name: Name; readonly ifExists: boolean }
  /** `SET VAR a = expr, b = expr` or `SET VAR (a, b) = (query)`. */
  | {
      readonly kind: "SetVariable";
      readonly names: readonly Name[];
      readonly values: readonly Expression[] | null;
      readonly query: LogicalPlan | null;
    }
  /** `UPDATE t [AS a] SET col = expr, ... [WHERE cond]`. */
  | {
      readonly kind: "Update";
      readonly table: Name;
      readonly alias: string | null;
      readonly assignments: readonly (readonly [Name, Expression])[];
      readonly condition: Expression | null;
    }
  /** `DELETE FROM t [AS a] [WHERE cond]`. */
  | {
      readonly kind: "Delete";
      readonly table: Name;
      readonly alias: string | null;
      readonly condition: Expression | null;
    }
  /**
   * `MERGE INTO target [AS t] USING source [AS s] ON cond WHEN [NOT] MATCHED [BY SOURCE]
   * [AND cond] THEN UPDATE SET ... | DELETE | INSERT ...`.
   */
  | {
      readonly kind: "Merge";
      readonly target: Name;
      readonly targetAlias: string | null;
      readonly source: LogicalPlan;
      readonly condition: Expression;
      readonly clauses: readonly MergeClause[];
      readonly schemaEvolution: boolean;
    }
  /** A SQL script: `BEGIN ... END` (see scripting.ts). */
  | { readonly kind: "Script"; readonly block: ScriptStatement }
  /** `EXECUTE IMMEDIATE sql [INTO vars] [USING args]`. */
  | {
      readonly kind: "ExecuteImmediate";
      readonly query: Expression;
      readonly into: readonly Name[];
      readonly args: readonly Expression[];
    };

export type StatementKind = Statement["kind"];

export interface MergeClause {
  readonly when: "MATCHED" | "NOT MATCHED" | "NOT MATCHED BY SOURCE";
  readonly condition: Expression | null;
  /** `*` for `UPDATE SET *` / `INSERT *`. */
  readonly action:
    | { readonly kind: "Delete" }
    | {
        readonly kind: "Update";
        readonly assignments: readonly (readonly [Name, Expression])[] | "*";
      }
    | {
        readonly kind: "Insert";
        readonly columns: readonly Name[] | null;
        readonly values: readonly Expression[] | "*";
      };
}
