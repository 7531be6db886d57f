// The body of the notify routes. Which receiving account a notify is for comes from our own
// notify URL: /notify for the environment's account, /notify/<id> for an admin-managed one
// (platforms refuse or strip a query string on notify_url).
import { settings } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readBodyLimited } from "@/lib/http/read-body";
import { clientIp } from "@/lib/http/client-ip";
import { log, withRequestLog } from "@/lib/log";
import { handleNotify, platformRejection } from "./handle-notify";
import type { ProviderId } from "./types";

export function notifyRoute(providerId: ProviderId, req: Request, accountRef = "env"): Promise<Response> {
  return withRequestLog(req, () => handleNotifyRequest(providerId, req, accountRef));
}

async function handleNotifyRequest(providerId: ProviderId, req: Request, accountRef: string): Promise<Response> {
  if (accountRef !== "env" && !/^\d{1,10}$/.test(accountRef)) {
    return platformRejection(providerId, 404, "unknown account");
  }
  let rawBody: string;
  try {
    rawBody = await readBodyLimited(req, settings().NOTIFY_BODY_LIMIT_BYTES);
  } catch (error) {
    // Real notifies are a few KB: a bigger body is refused before it is read or journalled.
    if (error instanceof AppError && error.code === "payload_too_large") {
      const response = platformRejection(providerId, 413, "payload too large");
      response.headers.set("connection", "close"); // the unread rest must not be taken for a request
      return response;
    }
    throw error;
  }
  try {
    return await handleNotify(providerId, accountRef, req.headers, rawBody, clientIp(req));
  } catch (error) {
    // Nothing was acknowledged: the platform retries, and the retry is harmless.
    log().error({ err: error, provider: providerId }, "notify failed");
    return platformRejection(providerId, 500, "temporarily unable to process");
  }
}
