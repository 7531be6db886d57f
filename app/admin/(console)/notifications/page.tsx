import { requireAdminPage } from "@/lib/auth/guard";
import { orderFormOptions } from "@/lib/admin/orders-list";
import { channelSummaries } from "@/lib/notifications/channels";
import { NotificationsClient } from "./notifications-client";

export const dynamic = "force-dynamic";

export default async function NotificationsPage() {
  await requireAdminPage("admin");
  return (
    <>
      <h1>通知</h1>
      <p className="muted">
        收到付款、退款成功或订单异常时，发消息到企业微信群机器人、钉钉群机器人或自定义网址。地址与密钥加密保存，保存后不再显示；发送失败会自动重试。
      </p>
      <NotificationsClient initial={await channelSummaries()} forms={await orderFormOptions()} />
    </>
  );
}
