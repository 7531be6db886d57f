// The body of both notify routes: which account the notify is for comes from our own notify URL.
import { z } from "zod";
import { handleNotify } from "./handle-notify";
import type { ProviderId } from "./types";

const accountQuery = z.object({ account: z.string().regex(/^\d{1,10}$/).optional() });

export async function notifyRoute(providerId: ProviderId, req: Request): Promise<Response> {
  const query = accountQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return Response.json({ code: "FAIL", message: "bad account parameter" }, { status: 400 });
  const rawBody = await req.text();
  try {
    return await handleNotify(providerId, query.data.account ?? "env", req.headers, rawBody);
  } catch (error) {
    // Nothing was acknowledged: the platform retries, and the retry is harmless.
    console.error(`${providerId} notify failed`, error instanceof Error ? error.message : error);
    return Response.json({ code: "FAIL", message: "temporarily unable to process" }, { status: 500 });
  }
}
