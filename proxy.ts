// Next's request proxy (the former middleware): the security headers with a fresh CSP nonce on
// every response it sees. Next reads the nonce from the request's Content-Security-Policy header
// and puts it on its own scripts, so pages must render per request (app/layout.tsx).
import { NextResponse, type NextRequest } from "next/server";
import { emulatorEnabled } from "@/lib/emulator/enabled";
import { settings } from "@/lib/env";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const s = settings();
  const nonce = newNonce();
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    serverBaseUrl: s.SERVER_BASE_URL,
    nonce,
    dev: s.NODE_ENV === "development",
    emulatorOn: emulatorEnabled("wechat") || emulatorEnabled("alipay"),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      // Next buffers the whole body of any request the proxy sees (up to 10 MB, waiting for the
      // upload to end) before the route runs: requests with a body skip the proxy, so the routes'
      // own limits (lib/http/read-body.ts) cut them off early. next.config.ts headers() covers them.
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
