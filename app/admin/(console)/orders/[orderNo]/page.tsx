import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guard";
import { channelLabel } from "@/lib/admin/channel-label";
import { EVENT_LABEL, notifyOutcomeLabel, orderDetail } from "@/lib/admin/orders-detail";
import { ORDER_NO } from "@/lib/admin/orders-requery";
import { OrderView, type OrderViewData } from "./order-view";

export const dynamic = "force-dynamic";

export default async function OrderPage({ params }: { params: Promise<{ orderNo: string }> }) {
  await requireAdminPage();
  const { orderNo } = await params;
  const order = ORDER_NO.test(orderNo) ? await orderDetail(orderNo) : null;
  if (!order) notFound();
  // Labels in Chinese here, so the browser gets words, not the server's label tables.
  const view: OrderViewData = {
    ...order,
    channelLabel: channelLabel(order.channel),
    form: order.form && { id: order.form.id, title: order.form.title },
    timeline: order.timeline.map((e) => ({ ...e, typeLabel: EVENT_LABEL[e.type] ?? "其他" })),
    notifies: order.notifies.map(({ outcome, ...n }) => ({ ...n, outcomeLabel: notifyOutcomeLabel(outcome) })),
  };
  return <OrderView order={view} />;
}
