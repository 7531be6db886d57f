import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleWechatBillControlGet, handleWechatBillControlPost } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () => new Response("Not Found", { status: 404 });

// GET /sandbox/wechat/control/bills?date=YYYY-MM-DD – the day's bill as it would be generated now
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleWechatBillControlGet(req) : notFound();
}

// POST /sandbox/wechat/control/bills – omit_from_bill | change_bill_amount | clear_bill_plant | set_fee_rate | set_bill_day
export async function POST(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleWechatBillControlPost(req) : notFound();
}
