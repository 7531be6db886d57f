import { notFound } from "next/navigation";
import { emulatorEnabled } from "@/lib/emulator/enabled";
import { payPageData } from "@/lib/payments/order-view";
import { PayClient } from "./pay-client";

export const dynamic = "force-dynamic";

export default async function PayPage({ params }: { params: Promise<{ orderNo: string }> }) {
  const { orderNo } = await params;
  const data = /^[0-9A-Za-z_-]{6,32}$/.test(orderNo) ? await payPageData(orderNo) : null;
  if (!data) notFound();
  return (
    <main className="page">
      <PayClient initial={data} walletUrl={emulatorEnabled("wechat") && data.codeUrl ? `/sandbox/wechat/wallet?code_url=${encodeURIComponent(data.codeUrl)}` : null} />
    </main>
  );
}
