import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import Link from "next/link";
import Script from "next/script";
import { emulatedMerchant } from "@/lib/accounts/emulated";
import { payPageData } from "@/lib/payments/order-view";
import { payerPageForOrder } from "@/lib/payments/payer-oauth";
import { PayClient } from "./pay-client";
import { PayerChannelsProvider } from "./payer-channels";
import { RememberOrder } from "./remember-order";

export const dynamic = "force-dynamic";

export default async function PayPage({ params, searchParams }: { params: Promise<{ orderNo: string }>; searchParams: Promise<{ from?: string }> }) {
  const { orderNo } = await params;
  const data = /^[0-9A-Za-z_-]{6,32}$/.test(orderNo) ? await payPageData(orderNo) : null;
  if (!data) notFound();
  const h = await headers();
  const backFromH5 = (await searchParams).from === "h5";
  const payer = await payerPageForOrder(orderNo, { userAgent: h.get("user-agent"), cookieHeader: h.get("cookie"), path: `/pay/${orderNo}${backFromH5 ? "?from=h5" : ""}` });
  if (payer?.redirectTo) redirect(payer.redirectTo);
  const wechat = payer?.channels.wechat;
  // Real WeChat injects WeixinJSBridge itself; the emulator stands in with its own script.
  const emulator = emulatedMerchant("wechat");
  const bridge = emulator && wechat?.available && wechat.channel === "jsapi" ? emulator.jsBridgeScriptUrl : null;
  return (
    <main className="page">
      {bridge && <Script src={bridge} nonce={h.get("x-nonce") ?? undefined} strategy="afterInteractive" />}
      <RememberOrder slug={data.formSlug} orderNo={data.orderNo} />
      <PayerChannelsProvider channels={payer?.channels ?? null} backFromH5={backFromH5}>
        <PayClient initial={data} walletUrl={emulator && data.codeUrl ? emulator.walletUrl(data.codeUrl) : null} />
      </PayerChannelsProvider>
      <p className="muted" style={{ fontSize: "0.85rem" }}>
        收藏本页链接可随时查看收据；链接丢失时，可在 <Link href="/receipt">查找收据</Link> 用订单号和手机号后四位找回。
      </p>
    </main>
  );
}
