import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { openFormBySlug, publicFormView } from "@/lib/forms/public-form";
import { accountRefOf } from "@/lib/payments/create-order";
import { payerPage } from "@/lib/payments/payer-oauth";
import { FormClient } from "./form-client";

export const dynamic = "force-dynamic";

export default async function FormPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  let view;
  let open;
  try {
    open = await openFormBySlug(slug);
    view = await publicFormView(open);
  } catch (error) {
    if (error instanceof AppError && error.code === "gone") {
      return (
        <main className="page">
          <div className="card">
            <h1>无法提交</h1>
            <p>{error.message}</p>
          </div>
        </main>
      );
    }
    if (error instanceof AppError) notFound();
    throw error;
  }
  const h = await headers();
  // Inside WeChat with JSAPI: get the payer's openid first, by redirects (silent snsapi_base).
  const payer = await payerPage({ userAgent: h.get("user-agent"), cookieHeader: h.get("cookie"), path: `/f/${encodeURIComponent(slug)}`, accountRef: accountRefOf(open, "wechat") });
  if (view.methods.includes("wechat") && payer.redirectTo) redirect(payer.redirectTo);
  return (
    <main className="page">
      <FormClient form={view} channels={payer.channels} />
    </main>
  );
}
