// Installs normaliseForwardedHeaders in front of every HTTP server of this process, so the
// headers are rewritten before Next's request handler reads them. Call it first thing in
// instrumentation.ts register(). Requests that reached the server before register() ran keep
// their headers as sent (Next starts listening before it loads instrumentation): a few seconds
// at start, at most.
import http from "node:http";
import { normaliseForwardedHeaders } from "./forwarded-headers";

const INSTALLED = Symbol.for("payforms.forwardedHeadersHook");

type Emit = typeof http.Server.prototype.emit;

export function installForwardedHeadersHook(trustProxy: () => number): void {
  const proto = http.Server.prototype as typeof http.Server.prototype & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const original: Emit = proto.emit;
  proto.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      normaliseForwardedHeaders(req.headers, req.socket?.remoteAddress, trustProxy());
    }
    return Reflect.apply(original, this, [event, ...args]) as boolean;
  } as Emit;
  proto[INSTALLED] = true;
}
