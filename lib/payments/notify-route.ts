// The body of the notify routes. Which receiving account a notify is for comes from our own
// notify URL: /notify for the environment's account, /notify/<id> for an admin-managed one
// (platforms refuse or strip a query string on notify_url).
import { handleNotify } from "./handle-notify";
import type { ProviderId } from "./types";

export async function notifyRoute(providerId: ProviderId, req: Request, accountRef = "env"): Promise<Response> {
  if (accountRef !== "env" && !/^\d{1,10}$/.test(accountRef)) {
    return Response.json({ code: "FAIL", message: "unknown account" }, { status: 404 });
  }
  const rawBody = await req.text();
  try {
    return await handleNotify(providerId, accountRef, req.headers, rawBody);
  } catch (error) {
    // Nothing was acknowledged: the platform retries, and the retry is harmless.
    console.error(`${providerId} notify failed`, error instanceof Error ? error.message : error);
    return Response.json({ code: "FAIL", message: "temporarily unable to process" }, { status: 500 });
  }
}
