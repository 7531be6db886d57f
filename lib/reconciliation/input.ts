// The admin API's inputs, parsed at the edge (zod errors become 422 with the field).
import { z } from "zod";
import { beijingDayStartMs } from "@/lib/admin/orders-dates";
import { AppError } from "@/lib/errors";

const provider = z.enum(["wechat", "alipay"], { message: "provider 须为 wechat 或 alipay" });
const date = z
  .string({ message: "请给出日期 date（YYYY-MM-DD）" })
  .refine((d) => beijingDayStartMs(d) !== null, { message: "日期须为 YYYY-MM-DD 格式的真实日期" });
const accountId = z.number({ message: "accountId 须为收款账户编号" }).int({ message: "accountId 须为整数" }).positive({ message: "accountId 须为正整数" });

export const runDayBody = z.object({ provider, date, accountId: accountId.optional() }, { message: "请求体须为 JSON 对象" });

export const resolveBody = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("handled"), note: z.string({ message: "请填写处理说明" }).trim().min(1, "请填写处理说明").max(500, "处理说明最多 500 字") }),
    z.object({ action: z.literal("platform"), note: z.string().trim().max(500, "处理说明最多 500 字").optional() }),
  ],
  { message: "action 须为 handled（标记已处理）或 platform（以平台为准）" },
);

const STATUSES = ["pending", "balanced", "differences", "bill_not_ready", "no_trades", "unavailable", "failed"] as const;

export const listQuery = z.object({
  provider: provider.optional(),
  /** "env" or a receiving account id. */
  account: z.string().regex(/^(env|\d{1,10})$/, "account 须为 env 或收款账户编号").optional(),
  status: z.enum(STATUSES, { message: "status 不是已知的对账状态" }).optional(),
});

export function parseListQuery(url: string) {
  const params = new URL(url).searchParams;
  const raw = Object.fromEntries([...params].filter(([, v]) => v !== ""));
  const parsed = listQuery.parse(raw);
  return { provider: parsed.provider, accountRef: parsed.account, status: parsed.status };
}

/** A numeric id from the path, or 404. */
export function idParam(raw: string, what: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw new AppError("not_found", `没有这${what}`);
  return Number(raw);
}

export const exportFormat = z.enum(["xlsx", "csv"], { message: "format 须为 xlsx 或 csv" });
