// What the payer pages read from Node's request (Pages Router): one value per header.
import type { IncomingMessage } from "node:http";

export function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** The CSP nonce proxy.ts put on the request for this response. */
export const nonceOf = (req: IncomingMessage) => headerOf(req, "x-nonce");

/** Props for a page: JSON's own shape (no undefined, no Date), the same on server and in the browser. */
export const asJson = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
