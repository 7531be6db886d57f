// Reads a request body up to a size, refusing more without reading it: a declared Content-Length
// over the limit is refused at once, and a body without one (chunked) is counted as it streams
// and cut off as soon as it passes the limit. The 413 answers carry Connection: close (the unread
// rest of the upload must not be taken for the next request on the connection).
import { AppError } from "@/lib/app-error";

export const PAYLOAD_TOO_LARGE_MESSAGE = "请求内容过大";

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", PAYLOAD_TOO_LARGE_MESSAGE, [{ field: "(body)", issue: `最多 ${maxBytes} 字节` }]);
}

/** The body's bytes; throws AppError payload_too_large past maxBytes. */
export async function readBytesLimited(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array(0);

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop pulling: the rest stays in the socket until the 413 (Connection: close) ends it.
      // Not reader.cancel(): that destroys the socket under the answer, and the client sees a reset.
      reader.releaseLock();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text (as req.text() decodes it); throws AppError payload_too_large past maxBytes. */
export async function readBodyLimited(req: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBytesLimited(req, maxBytes));
}
