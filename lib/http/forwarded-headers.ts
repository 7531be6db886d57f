// What the app may believe of X-Forwarded-*, decided where the socket is still known.
//
// Next has no trust-proxy setting: base-server.js only fills x-forwarded-for/-host/-proto/-port
// when they are absent (`??=`), so a client talking to `next start` directly can claim any
// address or host. With TRUST_PROXY=0 nothing forwarded is believed: X-Forwarded-For becomes the
// socket's address and the other X-Forwarded-* are dropped (Next then fills them from Host and
// the socket). With TRUST_PROXY=n the n proxies in front wrote them, and they are kept.
import type { IncomingHttpHeaders } from "node:http";

const DERIVED = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"] as const;

export function normaliseForwardedHeaders(headers: IncomingHttpHeaders, socketAddress: string | undefined, trustProxy: number): void {
  if (trustProxy > 0) return;
  for (const name of DERIVED) delete headers[name];
  if (socketAddress) headers["x-forwarded-for"] = socketAddress;
  else delete headers["x-forwarded-for"];
}
