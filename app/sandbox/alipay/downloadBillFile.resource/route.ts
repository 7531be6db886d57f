import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleAlipayBillDownload } from "@/lib/emulator/alipay";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /sandbox/alipay/downloadBillFile.resource?…&token=… – a day's bill zip, by the short-lived link the gateway gave
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("alipay") ? handleAlipayBillDownload(req) : new Response("Not Found", { status: 404 });
}
