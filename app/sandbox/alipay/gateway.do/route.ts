import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleAlipayGateway } from "@/lib/emulator/alipay";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () => new Response("Not Found", { status: 404 });

// GET /sandbox/alipay/gateway.do – the emulated gateway: a payer's browser opening the cashier
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("alipay") ? handleAlipayGateway(req) : notFound();
}

// POST /sandbox/alipay/gateway.do – alipay-sdk exec calls and auto-submitted cashier forms
export async function POST(req: Request): Promise<Response> {
  return emulatorEnabled("alipay") ? handleAlipayGateway(req) : notFound();
}
