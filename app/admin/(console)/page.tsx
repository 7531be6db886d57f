import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/guard";
import { dashboardData } from "@/lib/admin/dashboard";
import { formatBeijingTime, formatFen, METHOD_LABEL, STATUS_LABEL } from "@/lib/ui/format";
import { AttentionRefundButton } from "./attention-refund-button";
import { RevenueChart } from "./revenue-chart";

export const dynamic = "force-dynamic";

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  await requireAdminPage();
  const data = await dashboardData();
  const { denied } = await searchParams;
  return (
    <>
      <h1>概览</h1>
      {denied && <p className="notice error">该页面仅管理员可以查看；当前账号为查看者。</p>}
      <p className="muted">按北京时间统计；收款按到账时间计，成功率 = 时段内创建的订单中已支付的比例。</p>

      <div className="row">
        {data.windows.map((w) => (
          <section key={w.key} className="card" style={{ flex: 1, minWidth: 220 }} data-window={w.key}>
            <h2>{w.label}</h2>
            <div className="amount" data-testid={`revenue-${w.key}`}>
              {formatFen(w.revenueFen)}
            </div>
            <div>
              已支付 {w.paidCount} 笔
              {w.refundedFen > 0 && <span className="muted">；退款 {formatFen(w.refundedFen)}，净收入 {formatFen(w.netFen)}</span>}
            </div>
            <div className="muted">
              支付成功率 {percent(w.successRate)}（{w.paidOfCreated}/{w.createdCount}）
            </div>
            <table className="data" style={{ marginTop: 8 }}>
              <tbody>
                {w.byMethod.map((m) => (
                  <tr key={m.provider}>
                    <td>{METHOD_LABEL[m.provider]}</td>
                    <td>{formatFen(m.revenueFen)}</td>
                    <td>{m.paidCount} 笔</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>

      <section className="card">
        <h2>近 30 天每日收款</h2>
        <RevenueChart days={data.daily} />
      </section>

      <section className="card">
        <h2>各表单收款（近 30 天）</h2>
        {data.windows[2].byForm.length === 0 ? (
          <p className="muted">近 30 天没有收款。</p>
        ) : (
          <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>表单</th>
                <th>今天</th>
                <th>近 7 天</th>
                <th>近 30 天</th>
                <th>笔数（30 天）</th>
              </tr>
            </thead>
            <tbody>
              {data.windows[2].byForm.map((f) => {
                const inWindow = (i: number) => data.windows[i].byForm.find((x) => x.formId === f.formId)?.revenueFen ?? 0;
                return (
                  <tr key={f.formId}>
                    <td>
                      <Link href={`/admin/orders?formId=${f.formId}`}>{f.title}</Link>
                    </td>
                    <td>{formatFen(inWindow(0))}</td>
                    <td>{formatFen(inWindow(1))}</td>
                    <td>{formatFen(f.revenueFen)}</td>
                    <td>{f.paidCount}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
        )}
      </section>

      <section className="card">
        <h2>需要处理的订单</h2>
        {data.attention.length === 0 ? (
          <p className="muted">没有异常或迟到支付的订单。</p>
        ) : (
          <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>订单号</th>
                <th>表单</th>
                <th>金额</th>
                <th>状态</th>
                <th>问题</th>
                <th>创建时间</th>
              </tr>
            </thead>
            <tbody>
              {data.attention.map((o) => (
                <tr key={o.orderNo}>
                  <td>
                    <Link href={`/admin/orders/${o.orderNo}`}>{o.orderNo}</Link>
                  </td>
                  <td>{o.formTitle}</td>
                  <td>
                    {formatFen(o.amountFen)} <span className="muted">{METHOD_LABEL[o.provider]}</span>
                  </td>
                  <td>{STATUS_LABEL[o.status] ?? "其他"}</td>
                  <td>
                    {[o.latePayment && "迟到支付", o.hasAnomaly && "异常"].filter(Boolean).join("、")}{" "}
                    {o.offerFullRefund && <AttentionRefundButton orderNo={o.orderNo} amountFen={o.amountFen} late={o.latePayment} />}
                  </td>
                  <td>{formatBeijingTime(o.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>

      {data.reconciliation.length > 0 && (
        <section className="card">
          <h2>对账有差异的日子</h2>
          <ul>
            {data.reconciliation.map((d) => (
              <li key={d.id}>
                <Link href={`/admin/reconciliation/${d.id}`}>
                  {d.billDate} {METHOD_LABEL[d.provider]}
                </Link>{" "}
                <span className="muted">{d.open} 条差异待处理</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
