import { handleRoute } from "@/lib/errors";
import { openFormBySlug, publicFormView } from "@/lib/forms/public-form";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/forms/[slug] – a published form's public definition
export const GET = handleRoute(async (_req, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  return Response.json(await publicFormView(await openFormBySlug(slug)));
});
