import "server-only";
/**
 * Reads a request's body as text, at most `limit` bytes: null when it is longer, judged first by
 * its Content-Length and then while reading (a sender can leave the length out or understate it),
 * so an oversized body is never held in memory.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<string | null> {
  const bytes = await readBytesWithin(request, limit);
  return bytes === null ? null : bytes.toString("utf8");
}

/** The body's raw bytes, at most `limit` of them (null when longer), for bodies that are not text in UTF-8. */
export async function readBytesWithin(request: Request, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
