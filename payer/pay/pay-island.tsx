// The interactive part of /pay/{orderNo}: rendered to HTML by pages/pay/[orderNo].tsx, then
// hydrated in the browser by payer/islands/pay.tsx with the same props.
import type { ChannelsFor } from "@/lib/payments/channel";
import type { PayPageData } from "@/lib/payments/order-view";
import { PayClient } from "./pay-client";
import { PayerChannelsProvider } from "./payer-channels";
import { RememberOrder } from "./remember-order";

export interface PayIslandProps {
  order: PayPageData;
  channels: ChannelsFor | null;
  backFromH5: boolean;
  /** The emulator's wallet for this order's QR code (null with real credentials). */
  walletUrl: string | null;
}

export function PayIsland({ order, channels, backFromH5, walletUrl }: PayIslandProps) {
  return (
    <>
      <RememberOrder slug={order.formSlug} orderNo={order.orderNo} />
      <PayerChannelsProvider channels={channels} backFromH5={backFromH5}>
        <PayClient initial={order} walletUrl={walletUrl} />
      </PayerChannelsProvider>
    </>
  );
}
