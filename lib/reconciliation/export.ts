// A reconciled day as a file: xlsx with a summary sheet (bill totals beside ours) and the
// differences; CSV with the differences alone (one table per CSV). Shared writers in lib/exports.
import "server-only";
import { getDb } from "@/db/client";
import { differencesOfDay, getDayById } from "@/db/queries/reconciliation";
import { AppError } from "@/lib/errors";
import { csvResponseOf, csvText } from "@/lib/exports/csv";
import type { ExportTable } from "@/lib/exports/table";
import { xlsxBuffer, xlsxResponse } from "@/lib/exports/xlsx";
import { methodName } from "@/lib/payments/providers";
import { accountNames } from "./accounts";
import { DAY_STATUS_LABEL, DIFFERENCE_LABEL, RESOLUTION_LABEL } from "./labels";

export type ExportFormat = "xlsx" | "csv";

async function tablesOf(dayId: number) {
  const db = getDb();
  const day = await getDayById(db, dayId);
  if (!day) throw new AppError("not_found", "没有这一天的对账结果");
  const differences = await differencesOfDay(db, day.id);
  const account = (await accountNames()).get(`${day.provider}:${day.accountRef}`) ?? `账户 #${day.accountRef}`;

  const summary: ExportTable = {
    sheetName: "汇总",
    columns: [
      { header: "项目", kind: "text", width: 14 },
      { header: "平台账单", kind: "fen", width: 16 },
      { header: "我方记录", kind: "fen", width: 16 },
    ],
    rows: [
      ["收款", day.billPaymentFen, day.ourPaymentFen],
      ["退款", day.billRefundFen, day.ourRefundFen],
      ["手续费", day.billFeeFen, null],
      ["净额", day.billNetFen, null],
    ],
  };
  const info: ExportTable = {
    sheetName: "对账信息",
    columns: [
      { header: "项目", kind: "text", width: 14 },
      { header: "内容", kind: "text", width: 40 },
    ],
    rows: [
      ["支付方式", methodName(day.provider)],
      ["收款账户", account],
      ["账单日期", day.billDate],
      ["对账结果", DAY_STATUS_LABEL[day.status]],
      ["平台笔数", String(day.billCount)],
      ["我方笔数", String(day.ourCount)],
      ["说明", day.message ?? ""],
    ],
  };
  const differenceTable: ExportTable = {
    sheetName: "差异",
    columns: [
      { header: "差异类型", kind: "text", width: 22 },
      { header: "商户订单号", kind: "text", width: 28 },
      { header: "平台交易号", kind: "text", width: 32 },
      { header: "退款单号", kind: "text", width: 28 },
      { header: "我方金额（元）", kind: "fen", width: 14 },
      { header: "平台金额（元）", kind: "fen", width: 14 },
      { header: "处理结果", kind: "text", width: 14 },
      { header: "处理说明", kind: "text", width: 30 },
      { header: "处理人", kind: "text", width: 12 },
      { header: "处理时间（北京时间）", kind: "time", width: 20 },
    ],
    rows: differences.map((d) => [
      DIFFERENCE_LABEL[d.kind],
      d.orderNo,
      d.platformTradeNo,
      d.refundNo,
      d.ourAmountFen,
      d.platformAmountFen,
      d.resolution ? (RESOLUTION_LABEL[d.resolution] ?? "已处理") : "未处理",
      d.resolutionNote,
      d.resolvedByName,
      d.resolvedAt,
    ]),
  };
  return { day, tables: [info, summary, differenceTable], differenceTable };
}

export async function exportDay(dayId: number, format: ExportFormat): Promise<Response> {
  const { day, tables, differenceTable } = await tablesOf(dayId);
  const stem = `${day.provider}-${day.accountRef}-${day.billDate}`;
  const name = `对账-${methodName(day.provider)}-${day.billDate}`;
  if (format === "csv") return csvResponseOf(csvText(differenceTable), `reconciliation-${stem}.csv`, `${name}.csv`);
  return xlsxResponse(await xlsxBuffer(tables), `reconciliation-${stem}.xlsx`, `${name}.xlsx`);
}
