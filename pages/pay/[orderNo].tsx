// The pay page (QR code, cashier or pay sheet, then the receipt): plain HTML plus one React island,
// outside Next's client runtime for the same reason as pages/f/[slug].tsx.
import type { GetServerSideProps } from "next";
import { emulatedMerchant } from "@/lib/accounts/emulated";
import { hasOrderNoShape } from "@/lib/payments/order-no-shape";
import { payPageData } from "@/lib/payments/order-view";
import { payerPageForOrder } from "@/lib/payments/payer-oauth";
import { islandScriptUrl } from "@/lib/payer/island-assets";
import { asJson, headerOf, nonceOf } from "@/lib/payer/page-request";
import { IslandShell, type IslandScript } from "@/payer/island-shell";
import { PayIsland, type PayIslandProps } from "@/payer/pay/pay-island";
import { PayerHead } from "@/payer/payer-head";

export const config = { unstable_runtimeJS: false };

interface Props {
  island: PayIslandProps;
  script: IslandScript;
  /** The emulator's stand-in for WeChat's WeixinJSBridge (real WeChat injects its own). */
  bridgeScriptUrl: string | null;
}

export const getServerSideProps: GetServerSideProps<Props, { orderNo: string }> = async ({ params, query, req }) => {
  const orderNo = params!.orderNo;
  const order = hasOrderNoShape(orderNo) ? await payPageData(orderNo) : null;
  if (!order) return { notFound: true };
  const backFromH5 = query.from === "h5";
  const path = `/pay/${orderNo}${backFromH5 ? "?from=h5" : ""}`;
  const payer = await payerPageForOrder(orderNo, { userAgent: headerOf(req, "user-agent"), cookieHeader: headerOf(req, "cookie"), path });
  if (payer?.redirectTo) return { redirect: { destination: payer.redirectTo, statusCode: 302 } };
  const wechat = payer?.channels.wechat;
  const emulator = emulatedMerchant("wechat");
  const bridgeScriptUrl = emulator && wechat?.available && wechat.channel === "jsapi" ? emulator.jsBridgeScriptUrl : null;
  const island: PayIslandProps = { order, channels: payer?.channels ?? null, backFromH5, walletUrl: emulator && order.codeUrl ? emulator.walletUrl(order.codeUrl) : null };
  return { props: { island: asJson(island), script: { src: islandScriptUrl("pay"), nonce: nonceOf(req) }, bridgeScriptUrl } };
};

export default function PayPage({ island, script, bridgeScriptUrl }: Props) {
  return (
    <main className="page">
      <PayerHead title={island.order.formTitle} />
      {bridgeScriptUrl && <script src={bridgeScriptUrl} nonce={script.nonce ?? undefined} defer />}
      <IslandShell script={script} props={island}>
        <PayIsland {...island} />
      </IslandShell>
      <p className="muted" style={{ fontSize: "0.85rem" }}>
        收藏本页链接可随时查看收据；链接丢失时，可在 <a href="/receipt">查找收据</a> 用订单号和手机号后四位找回。
      </p>
    </main>
  );
}
