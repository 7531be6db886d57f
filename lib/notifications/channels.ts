// Notification channels set in the console: kind, name, which form (or all), which events, the
// robot's URL and secret (encrypted, never shown again; an edit that leaves them blank keeps them).
import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { deleteChannel, getChannel, insertChannel, listChannels, updateChannel, type ChannelRow } from "@/db/queries/notification-channels";
import { getFormById } from "@/db/queries/forms";
import { AppError } from "@/lib/errors";
import { openChannelSecrets, sealChannelSecrets } from "./channel-secrets";
import { channelEvents, sendToChannel } from "./jobs";
import { CHANNEL_KIND_LABELS, NOTICE_EVENT_LABELS, NOTICE_EVENTS } from "./kinds";

const url = z
  .string({ error: "请填写机器人地址" })
  .trim()
  .max(2000, "地址过长")
  .refine((v) => {
    try {
      return ["https:", "http:"].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, "请填写以 https:// 开头的完整地址");

const base = {
  name: z.string({ error: "请填写名称" }).trim().min(1, "请填写名称").max(60, "名称最多 60 个字"),
  formId: z.number({ error: "表单不正确" }).int().positive().nullable().default(null),
  events: z.array(z.enum(NOTICE_EVENTS, { error: "未知的通知事件" }), { error: "请选择通知事件" }).min(1, "至少选择一种通知事件"),
  enabled: z.boolean().default(true),
};
export const newChannelBody = z.object({
  kind: z.enum(["wecom", "dingtalk", "webhook"], { error: "请选择渠道类型" }),
  ...base,
  url,
  secret: z.string().trim().max(200, "密钥过长").default(""),
});
export const channelChangeBody = z.object({
  name: base.name.optional(),
  formId: z.number().int().positive().nullable().optional(),
  events: base.events.optional(),
  enabled: z.boolean().optional(),
  url: z.preprocess((v) => (v === "" ? undefined : v), url.optional()),
  secret: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(200, "密钥过长").optional()),
});

export interface ChannelSummary {
  id: number;
  kind: ChannelRow["kind"];
  kindLabel: string;
  name: string;
  formId: number | null;
  events: string[];
  eventLabels: string[];
  enabled: boolean;
  /** The host only: the path carries the robot's token. */
  urlHost: string;
  signed: boolean;
  updatedAt: number;
}

function summary(row: ChannelRow): ChannelSummary {
  const secrets = openChannelSecrets(row.kind, row.secretsEncrypted);
  const events = channelEvents(row.eventsJson);
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: CHANNEL_KIND_LABELS[row.kind],
    name: row.name,
    formId: row.formId,
    events,
    eventLabels: events.map((e) => NOTICE_EVENT_LABELS[e]),
    enabled: row.enabled,
    urlHost: new URL(secrets.url).host,
    signed: secrets.secret !== "",
    updatedAt: row.updatedAt,
  };
}

async function checkForm(formId: number | null | undefined) {
  if (formId && !(await getFormById(getDb(), formId))) throw new AppError("unprocessable_entity", "所选表单不存在", [{ field: "formId", issue: "所选表单不存在" }]);
}

export async function channelSummaries(): Promise<ChannelSummary[]> {
  return (await listChannels(getDb())).map(summary);
}

export async function addChannel(body: unknown): Promise<ChannelSummary> {
  const input = newChannelBody.parse(body);
  await checkForm(input.formId);
  const now = Date.now();
  const row = await insertChannel(getDb(), {
    kind: input.kind,
    name: input.name,
    formId: input.formId,
    eventsJson: JSON.stringify([...new Set(input.events)]),
    secretsEncrypted: sealChannelSecrets(input.kind, { url: input.url, secret: input.secret }),
    enabled: input.enabled,
    createdAt: now,
    updatedAt: now,
  });
  return summary(row);
}

async function requireChannel(id: number): Promise<ChannelRow> {
  const row = Number.isSafeInteger(id) ? await getChannel(getDb(), id) : undefined;
  if (!row) throw new AppError("not_found", "通知渠道不存在");
  return row;
}

export async function editChannel(id: number, body: unknown): Promise<ChannelSummary> {
  const input = channelChangeBody.parse(body);
  const row = await requireChannel(id);
  await checkForm(input.formId);
  const old = openChannelSecrets(row.kind, row.secretsEncrypted);
  const updated = await updateChannel(getDb(), id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.formId !== undefined ? { formId: input.formId } : {}),
    ...(input.events ? { eventsJson: JSON.stringify([...new Set(input.events)]) } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    ...(input.url !== undefined || input.secret !== undefined
      ? { secretsEncrypted: sealChannelSecrets(row.kind, { url: input.url ?? old.url, secret: input.secret ?? old.secret }) }
      : {}),
    updatedAt: Date.now(),
  });
  if (!updated) throw new AppError("not_found", "通知渠道不存在");
  return summary(updated);
}

export async function removeChannel(id: number): Promise<void> {
  if (!(await deleteChannel(getDb(), id))) throw new AppError("not_found", "通知渠道不存在");
}

/** 发送测试消息: one message now, the failure told to the admin as it is. */
export async function testChannel(id: number): Promise<{ ok: true }> {
  await requireChannel(id);
  try {
    await sendToChannel(id, { event: "test", title: "【测试消息】收款通知渠道已连通", lines: ["这是一条测试消息，收到即表示配置正确。"], orderNo: "" });
  } catch (error) {
    throw new AppError("payment_platform_error", error instanceof Error ? error.message : "发送失败");
  }
  return { ok: true };
}

export function channelIdOf(raw: string): number {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new AppError("not_found", "通知渠道不存在");
  return Number(raw);
}
