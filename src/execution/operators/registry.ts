/** Every physical operator by node kind (a new kind without an operator does not compile). */
import { BroadcastExchangeOp } from "./broadcast-exchange.ts";
import { BroadcastHashJoinOp } from "./broadcast-hash-join.ts";
import { BroadcastNestedLoopJoinOp } from "./broadcast-nested-loop-join.ts";
import { CartesianProductOp } from "./cartesian-product.ts";
import { CoalesceOp } from "./coalesce.ts";
import { ShuffleExchangeOp } from "./exchange.ts";
import { ExpandOp } from "./expand.ts";
import { FileSourceScanOp } from "./file-source-scan.ts";
import { FilterOp } from "./filter.ts";
import { GenerateOp } from "./generate.ts";
import { HashAggregateOp } from "./hash-aggregate.ts";
import { InMemoryTableScanOp } from "./in-memory-table-scan.ts";
import { CollectLimitOp, GlobalLimitOp, LocalLimitOp } from "./limit.ts";
import { LocalTableScanOp } from "./local-table-scan.ts";
import { OneRowScanOp } from "./one-row-scan.ts";
import type { OperatorTable } from "./operator.ts";
import { installOperators } from "./passthrough.ts";
import { ProjectOp } from "./project.ts";
import { RangeOp } from "./range.ts";
import { SampleOp } from "./sample.ts";
import { SortOp } from "./sort.ts";
import { SortMergeJoinOp } from "./sort-merge-join.ts";
import { TakeOrderedAndProjectOp } from "./take-ordered-and-project.ts";
import { UnionOp } from "./union.ts";
import { WindowOp } from "./window.ts";
import { WithSubqueriesOp } from "./with-subqueries.ts";
import { WriteFilesOp } from "./write-files.ts";

export const OPERATORS: OperatorTable = {
  LocalTableScan: LocalTableScanOp,
  Range: RangeOp,
  OneRowScan: OneRowScanOp,
  FileSourceScan: FileSourceScanOp,
  Project: ProjectOp,
  Filter: FilterOp,
  HashAggregate: HashAggregateOp,
  Sort: SortOp,
  TakeOrderedAndProject: TakeOrderedAndProjectOp,
  CollectLimit: CollectLimitOp,
  LocalLimit: LocalLimitOp,
  GlobalLimit: GlobalLimitOp,
  ShuffleExchange: ShuffleExchangeOp,
  BroadcastExchange: BroadcastExchangeOp,
  BroadcastHashJoin: BroadcastHashJoinOp,
  SortMergeJoin: SortMergeJoinOp,
  BroadcastNestedLoopJoin: BroadcastNestedLoopJoinOp,
  Union: UnionOp,
  Coalesce: CoalesceOp,
  Expand: ExpandOp,
  Sample: SampleOp,
  Window: WindowOp,
  Generate: GenerateOp,
  WithSubqueries: WithSubqueriesOp,
  InMemoryTableScan: InMemoryTableScanOp,
  CartesianProduct: CartesianProductOp,
  WriteFiles: WriteFilesOp,
};

installOperators(OPERATORS);
