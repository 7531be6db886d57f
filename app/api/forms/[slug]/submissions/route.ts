import { handleRoute, readJson } from "@/lib/errors";
import { freeSubmissionBody, submitFreeForm } from "@/lib/forms/submit-free-form";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/forms/[slug]/submissions – submit a form that asks for no money
export const POST = handleRoute(async (req, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  const result = await submitFreeForm(slug, freeSubmissionBody.parse(await readJson(req)));
  return Response.json(result, { status: 201 });
});
