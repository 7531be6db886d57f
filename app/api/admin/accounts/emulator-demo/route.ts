import { z } from "zod";
import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { emulatorDemoValues } from "@/lib/accounts/emulator-demo";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const query = z.object({ provider: z.enum(["wechat", "alipay"], { error: "provider 应为 wechat 或 alipay" }) });

// GET /api/admin/accounts/emulator-demo?provider= – the emulator's demo merchant as add-form values (404 when the emulator is off)
export const GET = handleRoute(async (req) => {
  await requireAdminApi(req);
  const { provider } = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(emulatorDemoValues(provider), { headers: { "Cache-Control": "no-store" } });
});
