"use client";
// 对账: run a chosen day for an account, and the reconciled days with the bill's totals beside ours.
import { Alert, Button, Card, DatePicker, Form, Select, Space, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { adminFetch } from "@/app/admin/admin-fetch";
import type { ReconcilableAccount } from "@/lib/reconciliation/accounts";
import type { DayListItem } from "@/lib/reconciliation/views";
import { formatFen, METHOD_LABEL } from "@/lib/ui/format";
import { apiErrorMessage } from "../api-error";
import { DayStatusTag } from "./status-tag";

const accountKey = (a: { provider: string; accountId: number | null }) => `${a.provider}:${a.accountId ?? "env"}`;

function BillBesideOurs({ bill, ours }: { bill: number; ours: number | null }) {
  return (
    <span>
      {formatFen(bill)}
      {ours !== null && ours !== bill && <Typography.Text type="danger"> / 我方 {formatFen(ours)}</Typography.Text>}
    </span>
  );
}

export function ReconciliationClient({
  accounts,
  initialDays,
  defaultDate,
  canWrite,
}: {
  accounts: ReconcilableAccount[];
  initialDays: DayListItem[];
  defaultDate: string;
  canWrite: boolean;
}) {
  const router = useRouter();
  const [days, setDays] = useState<DayListItem[]>(initialDays);
  const [filter, setFilter] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [running, setRunning] = useState(false);

  async function load(filter: string | undefined) {
    setLoading(true);
    try {
      const q = new URLSearchParams();
      if (filter) {
        const [provider, account] = filter.split(":");
        q.set("provider", provider);
        q.set("account", account);
      }
      const res = await adminFetch(`/api/admin/reconciliation?${q}`);
      if (!res.ok) return setError(await apiErrorMessage(res));
      setError(null);
      setDays(((await res.json()) as { days: DayListItem[] }).days);
    } catch {
      setError("网络错误，请重试");
    } finally {
      setLoading(false);
    }
  }

  function chooseFilter(next: string | undefined) {
    setFilter(next);
    void load(next);
  }

  async function run(values: { account: string; date: Dayjs }) {
    const account = accounts.find((a) => accountKey(a) === values.account);
    if (!account) return;
    setRunning(true);
    try {
      const res = await adminFetch("/api/admin/reconciliation", {
        method: "POST",
        body: JSON.stringify({ provider: account.provider, date: values.date.format("YYYY-MM-DD"), ...(account.accountId !== null ? { accountId: account.accountId } : {}) }),
      });
      if (!res.ok) return setError(await apiErrorMessage(res));
      const day = (await res.json()) as { id: number };
      router.push(`/admin/reconciliation/${day.id}`);
    } catch {
      setError("网络错误，请重试");
    } finally {
      setRunning(false);
    }
  }

  const accountOptions = accounts.map((a) => ({ value: accountKey(a), label: `${METHOD_LABEL[a.provider]} · ${a.name}${a.enabled ? "" : "（已停用）"}` }));
  const columns = [
    { title: "账单日期", dataIndex: "date", key: "date", render: (v: string, d: DayListItem) => <Link href={`/admin/reconciliation/${d.id}`}>{v}</Link> },
    { title: "支付方式", dataIndex: "providerText", key: "provider" },
    { title: "收款账户", dataIndex: "accountName", key: "account", ellipsis: true },
    { title: "结果", key: "status", render: (_: unknown, d: DayListItem) => <DayStatusTag status={d.status} /> },
    {
      title: "笔数",
      key: "count",
      align: "right" as const,
      render: (_: unknown, d: DayListItem) => (
        <span>
          {d.totals.bill.count}
          {d.totals.ours.count !== d.totals.bill.count && <Typography.Text type="danger"> / 我方 {d.totals.ours.count}</Typography.Text>}
        </span>
      ),
    },
    { title: "收款", key: "payment", align: "right" as const, render: (_: unknown, d: DayListItem) => <BillBesideOurs bill={d.totals.bill.paymentFen} ours={d.totals.ours.paymentFen} /> },
    { title: "退款", key: "refund", align: "right" as const, render: (_: unknown, d: DayListItem) => <BillBesideOurs bill={d.totals.bill.refundFen} ours={d.totals.ours.refundFen} /> },
    { title: "手续费", key: "fee", align: "right" as const, render: (_: unknown, d: DayListItem) => formatFen(d.totals.bill.feeFen) },
    { title: "净额", key: "net", align: "right" as const, render: (_: unknown, d: DayListItem) => formatFen(d.totals.bill.netFen) },
    {
      title: "差异",
      key: "differences",
      align: "right" as const,
      render: (_: unknown, d: DayListItem) => (d.differenceCount === 0 ? "—" : `${d.openDifferenceCount} 待处理 / 共 ${d.differenceCount}`),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {canWrite && (
        <Card size="small" title="对账某一天">
          <Form layout="inline" onFinish={run} initialValues={{ account: accountOptions[0]?.value, date: dayjs(defaultDate) }}>
            <Form.Item name="account" label="收款账户" rules={[{ required: true, message: "请选择收款账户" }]}>
              <Select options={accountOptions} style={{ minWidth: 260 }} aria-label="收款账户" />
            </Form.Item>
            <Form.Item name="date" label="账单日期" rules={[{ required: true, message: "请选择日期" }]}>
              <DatePicker allowClear={false} aria-label="账单日期" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={running}>
                开始对账
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} />}
      <Space wrap>
        <Select allowClear placeholder="全部账户" options={accountOptions} value={filter} onChange={chooseFilter} style={{ minWidth: 260 }} aria-label="筛选账户" />
        <Button onClick={() => void load(filter)}>刷新</Button>
      </Space>
      <Typography.Text type="secondary">金额为平台账单所记；与我方记录不同时以红字列出我方金额。每天 10 点后自动对账前一天。</Typography.Text>
      <Table rowKey="id" columns={columns} dataSource={days} loading={loading} pagination={{ pageSize: 30 }} scroll={{ x: true }} locale={{ emptyText: "还没有对账记录" }} />
    </Space>
  );
}
