// GET /api/admin/orders and the orders page: parse the query, pick the search path, page by keyset.
import { z } from "zod";
import { getDb } from "@/db/client";
import { formOptions, likeContains, listOrdersPage, orderIdsByNumber, submissionIdsMatching, type OrderKey, type OrderListRow } from "@/db/queries/admin-orders";
import { AppError } from "@/lib/errors";
import { formatFen } from "@/lib/money";
import { beijingDayStartMs, DAY_MS } from "./orders-dates";
import { answersSummary } from "./answers-summary";

export const ORDER_STATUSES = ["pending", "paid", "closed", "failed", "refunding", "partially_refunded", "refunded"] as const;
export const PAGE_SIZE_DEFAULT = 50;

const blank = (v: unknown) => (v === "" ? undefined : v);
const beijingDate = (what: string) =>
  z.preprocess(blank, z.string().refine((v) => beijingDayStartMs(v) !== null, `${what}应为 YYYY-MM-DD 格式的有效日期`).optional());

export const ordersQuery = z
  .object({
    status: z.preprocess(blank, z.enum(ORDER_STATUSES, { error: "未知的订单状态" }).optional()),
    provider: z.preprocess(blank, z.enum(["wechat", "alipay"], { error: "支付方式应为 wechat 或 alipay" }).optional()),
    formId: z.preprocess(blank, z.coerce.number({ error: "表单 ID 应为数字" }).int("表单 ID 应为整数").positive("表单 ID 应为正整数").optional()),
    from: beijingDate("开始日期"),
    to: beijingDate("结束日期"),
    q: z.preprocess(blank, z.string().trim().max(100, "搜索内容最多 100 个字").optional()),
    cursor: z.preprocess(blank, z.string().max(100).optional()),
    limit: z.preprocess(blank, z.coerce.number().int().min(1, "每页至少 1 条").max(200, "每页最多 200 条").default(PAGE_SIZE_DEFAULT)),
  })
  .refine((v) => !(v.from && v.to && v.from > v.to), { message: "开始日期不能晚于结束日期", path: ["from"] });
export type OrdersQuery = z.infer<typeof ordersQuery>;

export function encodeCursor(key: OrderKey): string {
  return Buffer.from(`${key.createdAt}.${key.id}`).toString("base64url");
}

/** A cursor we did not hand out is the caller's mistake: 400, not an empty page. */
export function decodeCursor(cursor: string): OrderKey {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const m = /^(\d{1,15})\.(\d{1,12})$/.exec(text);
  if (!m) throw new AppError("bad_request", "分页游标无效，请回到第一页", [{ field: "cursor", issue: "无法识别" }]);
  return { createdAt: Number(m[1]), id: Number(m[2]) };
}

// Looks like an order number or a platform transaction number: try the exact (indexed) match first.
const NUMBER_LIKE = /^[0-9A-Za-z_-]{6,64}$/;
/**
 * A search by answer (a phone, a name) usually matches a few submissions: find them with one scan,
 * then their orders by index. Past this many, matches are dense and walking the orders in page
 * order, testing each one's answers, fills a page sooner (see bench/orders-list.ts).
 */
const NARROW_SEARCH_MAX = 2000;

export async function listOrders(query: OrdersQuery) {
  const db = getDb();
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  let ids: number[] | undefined;
  let submissionIds: number[] | undefined;
  let answerLike: string | undefined;
  if (query.q) {
    const found = NUMBER_LIKE.test(query.q) ? await orderIdsByNumber(db, query.q) : [];
    if (found.length) ids = found;
    else {
      const like = likeContains(query.q);
      const matching = await submissionIdsMatching(db, like, NARROW_SEARCH_MAX + 1);
      if (matching.length <= NARROW_SEARCH_MAX) submissionIds = matching;
      else answerLike = like;
    }
  }
  const rows = await listOrdersPage(db, {
    status: query.status,
    provider: query.provider,
    formId: query.formId,
    createdFromMs: query.from ? beijingDayStartMs(query.from)! : undefined,
    createdBeforeMs: query.to ? beijingDayStartMs(query.to)! + DAY_MS : undefined,
    ids,
    submissionIds,
    answerLike,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(orderListItem),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/** Every form as { id, title }, newest first, for the list's form filter. */
export async function orderFormOptions(): Promise<{ id: number; title: string }[]> {
  return formOptions(getDb());
}

export function orderListItem(row: OrderListRow) {
  return {
    id: row.id,
    orderNo: row.orderNo,
    formId: row.formId,
    formTitle: row.formTitle,
    provider: row.provider,
    channel: row.channel,
    amountFen: row.amountFen,
    amount: formatFen(row.amountFen),
    refundedFen: row.refundedFen,
    status: row.status,
    platformTradeNo: row.platformTradeNo,
    createdAt: new Date(row.createdAt).toISOString(),
    paidAt: row.paidAt === null ? null : new Date(row.paidAt).toISOString(),
    latePayment: row.latePayment,
    hasAnomaly: row.hasAnomaly,
    answersSummary: answersSummary(row.fieldsSnapshotJson, row.answersJson).slice(0, 120),
  };
}
export type OrderListItem = ReturnType<typeof orderListItem>;
