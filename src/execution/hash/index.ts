export { JoinIndex, KeyTable, type KeyTableOptions } from "./key-table.ts";
export {
  murmur3At,
  murmur3Batch,
  murmur3Bytes,
  murmur3Column,
  murmur3Double,
  murmur3Float,
  murmur3Int,
  murmur3Long,
  murmur3Value,
  SPARK_HASH_SEED,
} from "./murmur3.ts";
export { partitionIds, pmod } from "./partition.ts";
export { SPARK_XXHASH_SEED, xxhash64Batch, xxhash64Column, xxhash64Value } from "./xxhash64.ts";
