// What can be told, and where. Labels are what the console shows.
import type { NotificationKind } from "@/db/tables";

export const NOTICE_EVENTS = ["payment", "refund", "anomaly"] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

export const NOTICE_EVENT_LABELS: Record<NoticeEvent, string> = { payment: "收到付款", refund: "退款成功", anomaly: "订单异常" };
export const CHANNEL_KIND_LABELS: Record<NotificationKind, string> = { wecom: "企业微信群机器人", dingtalk: "钉钉群机器人", webhook: "自定义网址" };

export const NOTICE_SEND_JOB = "notifications.send";
