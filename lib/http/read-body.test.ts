import { describe, expect, test } from "vitest";
import { AppError, ERROR_STATUS } from "@/lib/errors";
import { readBodyLimited } from "./read-body";

/** A request whose body streams `chunks`, counting how many the reader pulled. */
function streamed(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled === chunks.length) return controller.close();
        controller.enqueue(chunks[state.pulled++]);
      },
    },
    { highWaterMark: 0 },
  );
  const req = new Request("http://localhost/x", { method: "POST", headers, body, duplex: "half" } as RequestInit);
  return { req, state };
}

const kb = (n: number) => new Uint8Array(n * 1024).fill(0x61);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("readBodyLimited", () => {
  test("a body within the limit is read whole, UTF-8 split across chunks included", async () => {
    const text = "付款成功";
    const bytes = new TextEncoder().encode(text);
    const { req } = streamed([bytes.slice(0, 4), bytes.slice(4)]);
    expect(await readBodyLimited(req, bytes.length)).toBe(text);
  });

  test("a declared Content-Length over the limit is refused before anything is read", async () => {
    const { req, state } = streamed([kb(1), kb(1)], { "content-length": String(100 * 1024 * 1024) });
    const error = await refusal(readBodyLimited(req, 1024));
    expect(error.code).toBe("payload_too_large");
    expect(error.status).toBe(413);
    expect(error.message).toBe("请求内容过大");
    expect(state.pulled).toBe(0);
  });

  test("a body without a length is cut off at the first chunk past the limit", async () => {
    const chunks = Array.from({ length: 100 }, () => kb(16));
    const { req, state } = streamed(chunks);
    const error = await refusal(readBodyLimited(req, 64 * 1024));
    expect(error.code).toBe("payload_too_large");
    expect(state.pulled).toBe(5); // 4 × 16 KB fit, the fifth passes the limit
  });

  test("a lying Content-Length does not help: the bytes are counted", async () => {
    const { req } = streamed([kb(8), kb(8)], { "content-length": "10" });
    expect((await refusal(readBodyLimited(req, 4096))).code).toBe("payload_too_large");
  });

  test("exactly the limit passes; no body is the empty string", async () => {
    const { req } = streamed([kb(1)]);
    expect(await readBodyLimited(req, 1024)).toHaveLength(1024);
    expect(await readBodyLimited(new Request("http://localhost/x", { method: "POST" }), 10)).toBe("");
  });

  test("payload_too_large is 413 in the error table", () => {
    expect(ERROR_STATUS.payload_too_large).toBe(413);
  });
});
