// 导出订单: the order list as filtered on screen, every page of it, as xlsx or CSV.
import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { lastRefundTimes } from "@/db/queries/export-orders";
import { AppError } from "@/lib/errors";
import { csvResponseOf, csvText } from "@/lib/exports/csv";
import type { ExportTable } from "@/lib/exports/table";
import { xlsxBuffer, xlsxResponse } from "@/lib/exports/xlsx";
import { methodText, STATUS_LABEL } from "@/lib/ui/format";
import { beijingDateStamp } from "./beijing-time";
import { listOrders, ordersQuery, type OrdersQuery } from "./orders-list";

// Past this many rows, ask for a narrower filter: the file is built in memory.
export const EXPORT_MAX_ROWS = 50_000;
const PAGE = 1000;

export const exportFormat = z.enum(["xlsx", "csv"], { error: "导出格式应为 Excel 或 CSV" }).default("xlsx");

const COLUMNS: ExportTable["columns"] = [
  { header: "订单号", kind: "text", width: 28 },
  { header: "表单", kind: "text", width: 20 },
  { header: "支付方式", kind: "text", width: 20 },
  { header: "状态", kind: "text", width: 10 },
  { header: "金额（元）", kind: "fen" },
  { header: "已退款（元）", kind: "fen" },
  { header: "平台交易号", kind: "text", width: 32 },
  { header: "下单时间（北京时间）", kind: "time" },
  { header: "支付时间（北京时间）", kind: "time" },
  { header: "最近退款时间（北京时间）", kind: "time", width: 24 },
  { header: "提交内容", kind: "text", width: 40 },
];

export async function ordersTable(query: OrdersQuery): Promise<ExportTable> {
  const db = getDb();
  const rows: ExportTable["rows"] = [];
  let cursor: string | undefined;
  for (;;) {
    // The same search and filters as the list on screen, page after page.
    const page = await listOrders({ ...query, cursor, limit: PAGE });
    if (rows.length + page.items.length > EXPORT_MAX_ROWS) {
      throw new AppError("unprocessable_entity", `符合条件的订单超过 ${EXPORT_MAX_ROWS.toLocaleString("zh-CN")} 条，请缩小日期范围后再导出`);
    }
    const refundedAt = await lastRefundTimes(db, page.items.map((o) => o.id));
    for (const o of page.items) {
      rows.push([
        o.orderNo,
        o.formTitle,
        methodText(o.provider, o.channel),
        STATUS_LABEL[o.status] ?? "其他",
        o.amountFen,
        o.refundedFen,
        o.platformTradeNo,
        Date.parse(o.createdAt),
        o.paidAt ? Date.parse(o.paidAt) : null,
        refundedAt.get(o.id) ?? null,
        o.answersSummary,
      ]);
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { sheetName: "订单", columns: COLUMNS, rows };
}

export async function ordersExportResponse(url: string): Promise<Response> {
  const params = Object.fromEntries(new URL(url).searchParams);
  const format = exportFormat.parse(params.format || undefined);
  const query = ordersQuery.parse({ ...params, cursor: undefined, limit: undefined });
  const table = await ordersTable(query);
  const stamp = beijingDateStamp(Date.now());
  if (format === "csv") return csvResponseOf(csvText(table), `orders-${stamp}.csv`, `订单-${stamp}.csv`);
  return xlsxResponse(await xlsxBuffer([table]), `orders-${stamp}.xlsx`, `订单-${stamp}.xlsx`);
}
