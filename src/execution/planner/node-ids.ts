/** Fresh ids for physical nodes (explain's node numbers, exchange plan ids, metric keys). */
let next = 0;

/** A process-wide unique id, as Spark's plan ids are. */
export function newNodeId(): number {
  return next++;
}
