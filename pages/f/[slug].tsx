// The public form. A payer page is plain server-rendered HTML plus one small React island bundled
// outside Next (payer/islands, scripts/build-payer-islands.mjs): the App Router's own client
// runtime alone is ~130 kB gzip, over the payer pages' 110 kB budget, so these two pages live in
// the Pages Router with Next's client runtime switched off. README: "Payer pages".
import type { GetServerSideProps } from "next";
import { AppError } from "@/lib/errors";
import { openFormBySlug, publicFormView } from "@/lib/forms/public-form";
import { accountRefOf } from "@/lib/payments/create-order";
import { payerPage } from "@/lib/payments/payer-oauth";
import { islandScriptUrl } from "@/lib/payer/island-assets";
import { asJson, headerOf, nonceOf } from "@/lib/payer/page-request";
import { FormIsland, type FormIslandProps } from "@/payer/form/form-island";
import { IslandShell, type IslandScript } from "@/payer/island-shell";
import { PayerHead } from "@/payer/payer-head";

export const config = { unstable_runtimeJS: false };

type Props = { closed: { title: string; message: string } } | { island: FormIslandProps; script: IslandScript };

export const getServerSideProps: GetServerSideProps<Props, { slug: string }> = async ({ params, req }) => {
  const slug = params!.slug;
  let open;
  let view;
  try {
    open = await openFormBySlug(slug);
    view = await publicFormView(open);
  } catch (error) {
    if (error instanceof AppError && error.code === "gone") return { props: { closed: { title: "无法提交", message: error.message } } };
    if (error instanceof AppError) return { notFound: true };
    throw error;
  }
  // Inside WeChat with JSAPI: get the payer's openid first, by redirects (silent snsapi_base).
  const payer = await payerPage({ userAgent: headerOf(req, "user-agent"), cookieHeader: headerOf(req, "cookie"), path: `/f/${encodeURIComponent(slug)}`, accountRef: accountRefOf(open, "wechat") });
  if (view.methods.includes("wechat") && payer.redirectTo) return { redirect: { destination: payer.redirectTo, statusCode: 302 } };
  return { props: { island: asJson({ form: view, channels: payer.channels }), script: { src: islandScriptUrl("form"), nonce: nonceOf(req) } } };
};

export default function FormPage(props: Props) {
  if ("closed" in props) {
    return (
      <main className="page">
        <PayerHead title={props.closed.title} />
        <div className="card">
          <h1>{props.closed.title}</h1>
          <p>{props.closed.message}</p>
        </div>
      </main>
    );
  }
  return (
    <main className="page">
      <PayerHead title={props.island.form.title} />
      <IslandShell script={props.script} props={props.island}>
        <FormIsland {...props.island} />
      </IslandShell>
    </main>
  );
}
