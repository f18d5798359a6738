import type { ErrorCatalog } from "./index.ts";

/** Errors of the persistent catalog: databases, tables, views, partitions, DDL and DML. */
export const CATALOG_ERRORS: ErrorCatalog = {
  SCHEMA_NOT_FOUND: {
    sqlState: "42704",
    message: "The schema <schemaName> cannot be found. Check its spelling and catalog.",
  },
  SCHEMA_ALREADY_EXISTS: {
    sqlState: "42P06",
    message: "Cannot create the schema <schemaName>: it already exists.",
  },
  SCHEMA_NOT_EMPTY: {
    sqlState: "2BP01",
    message:
      "Cannot drop the schema <schemaName>: it still holds objects. Use DROP SCHEMA ... CASCADE.",
  },
  TABLE_OR_VIEW_ALREADY_EXISTS: {
    sqlState: "42P07",
    message: "Cannot create the table or view <relationName>: it already exists.",
  },
  "UNSUPPORTED_FEATURE.DROP_DATABASE": {
    sqlState: "0A000",
    message: "The database <database> cannot be dropped.",
  },
  "UNSUPPORTED_FEATURE.TABLE_OPERATION": {
    sqlState: "0A000",
    message: "The table <tableName> does not support <operation>.",
  },
  COLUMN_NOT_DEFINED_IN_TABLE: {
    sqlState: "42703",
    message:
      "The <colType> column <colName> is not a column of <tableName> (columns: <tableCols>).",
  },
  COLUMN_NOT_FOUND: {
    sqlState: "42703",
    message: "The column <colName> cannot be found (case sensitivity: <caseSensitiveConfig>).",
  },
  DATA_SOURCE_NOT_FOUND: {
    sqlState: "42K02",
    message: "No data source named <provider>.",
  },
  INVALID_PARTITION_OPERATION: {
    sqlState: "42601",
    message: "The partition command is invalid.",
  },
  "INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY": {
    sqlState: "42601",
    message: "The table <name> is not partitioned, so a partition command cannot apply to it.",
  },
  WRONG_COMMAND_FOR_OBJECT_TYPE: {
    sqlState: "42809",
    message:
      "<operation> needs a <requiredType>, but <objectName> is a <foundType>. Use <alternative> instead.",
  },
  INVALID_TEMP_OBJ_REFERENCE: {
    sqlState: "42K0F",
    message:
      "The persistent <obj> <objName> cannot refer to the temporary <tempObj> <tempObjName>. Make the <tempObj> persistent or the <obj> temporary.",
  },
  INSERT_COLUMN_ARITY_MISMATCH: {
    sqlState: "21S01",
    message: "Cannot write to <tableName>: the number of columns differs.",
  },
  "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS": {
    sqlState: "21S01",
    message:
      "Cannot write to <tableName>: not enough data columns. Table columns: <tableColumns>. Data columns: <dataColumns>.",
  },
  "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS": {
    sqlState: "21S01",
    message:
      "Cannot write to <tableName>: too many data columns. Table columns: <tableColumns>. Data columns: <dataColumns>.",
  },
  INSERT_PARTITION_COLUMN_ARITY_MISMATCH: {
    sqlState: "21S01",
    message:
      "Cannot write to <tableName>: the columns <tableColumns> with static partitions <staticPartCols> do not match the data columns <dataColumns>.",
  },
  INCOMPATIBLE_DATA_FOR_TABLE: {
    sqlState: "KD000",
    message: "Cannot write incompatible data to the table <tableName>.",
  },
  "INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST": {
    sqlState: "KD000",
    message:
      "Cannot write incompatible data to the table <tableName>: the column <colName> cannot be safely cast from <srcType> to <targetType>.",
  },
  CAST_OVERFLOW_IN_TABLE_INSERT: {
    sqlState: "22003",
    message:
      "A value of type <sourceType> does not fit the column <columnName> of type <targetType>.",
  },
  UNSUPPORTED_OVERWRITE: {
    sqlState: "42902",
    message: "Cannot overwrite a target that is also being read from.",
  },
  "UNSUPPORTED_OVERWRITE.TABLE": {
    sqlState: "42902",
    message: "Cannot overwrite the table <table> that is also being read from.",
  },
  _LEGACY_ERROR_TEMP_0035: {
    sqlState: "42601",
    message: "Operation not allowed: <message>.",
  },
  NOT_A_PARTITIONED_TABLE: {
    sqlState: "42809",
    message:
      "The operation <operation> is not allowed on <tableIdentWithDB>: it is not partitioned.",
  },
  EXPECT_TABLE_NOT_VIEW: {
    sqlState: "42809",
    message: "<operation> expects a table, but <viewName> is a view.",
  },
  "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE": {
    sqlState: "42809",
    message: "<operation> expects a table, but <viewName> is a view.",
  },
  "EXPECT_TABLE_NOT_VIEW.USE_ALTER_VIEW": {
    sqlState: "42809",
    message: "<operation> expects a table, but <viewName> is a view. Use ALTER VIEW instead.",
  },
  EXPECT_VIEW_NOT_TABLE: {
    sqlState: "42809",
    message: "<operation> expects a view, but <tableName> is a table.",
  },
  "EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE": {
    sqlState: "42809",
    message: "<operation> expects a view, but <tableName> is a table.",
  },
  "EXPECT_VIEW_NOT_TABLE.USE_ALTER_TABLE": {
    sqlState: "42809",
    message: "<operation> expects a view, but <tableName> is a table. Use ALTER TABLE instead.",
  },
  PARTITIONS_NOT_FOUND: {
    sqlState: "428FT",
    message: "The partitions <partitionList> cannot be found in the table <tableName>.",
  },
  PARTITIONS_ALREADY_EXIST: {
    sqlState: "428FT",
    message: "The partitions <partitionList> already exist in the table <tableName>.",
  },
  _LEGACY_ERROR_TEMP_1251: {
    sqlState: "42000",
    message: "<action> is not allowed on <tableName>: it is not partitioned.",
  },
  _LEGACY_ERROR_TEMP_1267: {
    sqlState: "42000",
    message:
      "TRUNCATE TABLE ... PARTITION is not allowed on <tableIdentWithDB>: it is not partitioned.",
  },
  NOT_SUPPORTED_CHANGE_COLUMN: {
    sqlState: "0A000",
    message:
      "ALTER TABLE ALTER/CHANGE COLUMN cannot change <table>'s column <originName> of type <originType> to <newName> of type <newType>.",
  },
  REQUIRES_SINGLE_PART_NAMESPACE: {
    sqlState: "42K05",
    message: "<sessionCatalog> needs a single-part namespace, got <namespace>.",
  },
  INCOMPATIBLE_VIEW_SCHEMA_CHANGE: {
    sqlState: "51024",
    message:
      "The query of view <viewName> no longer yields the column <colName>: expected <expectedNum> columns, got <actualCols>. Recreate it with <suggestion>.",
  },
  NOT_SUPPORTED_COMMAND_WITHOUT_HIVE_SUPPORT: {
    sqlState: "0A000",
    message: "<cmd> needs Hive support, which Flint does not have: use CREATE TABLE ... USING.",
  },
  "UNSUPPORTED_FEATURE.ANALYZE_VIEW": {
    sqlState: "0A000",
    message: "ANALYZE TABLE does not apply to views.",
  },
};
