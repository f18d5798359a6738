/**
 * JSON encoding of messages for byte-stream transports (cluster mode): byte arrays become
 * `{"$bytes": "<base64>"}`, everything else is plain JSON. Local mode does not need it.
 */
export function encodeMessage(message: unknown): string {
  return JSON.stringify(message, (_key, value: unknown) =>
    value instanceof Uint8Array
      ? { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") }
      : value,
  );
}

export function decodeMessage<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === "object" && value !== null && "$bytes" in value) {
      const b64 = (value as { $bytes: unknown }).$bytes;
      if (typeof b64 === "string") {
        const buf = Buffer.from(b64, "base64");
        return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      }
    }
    return value;
  }) as T;
}
