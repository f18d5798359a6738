/** Marks a DataFrame as small enough to broadcast in joins, as `F.broadcast(df)` does. */
export function broadcast<T extends { hint(name: string): T }>(df: T): T {
  return df.hint("broadcast");
}
