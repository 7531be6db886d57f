import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/guard";
import { AppError, zodDetails } from "@/lib/errors";
import { listOrders, ORDER_STATUSES, orderFormOptions, ordersQuery, type OrdersQuery } from "@/lib/admin/orders-list";
import { formatBeijingTime, METHOD_LABEL, STATUS_LABEL } from "@/lib/ui/format";
import styles from "./orders.module.css";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function OrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdminPage();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = ordersQuery.safeParse(raw);
  let problem: string | null = null;
  let page: Awaited<ReturnType<typeof listOrders>> = { items: [], nextCursor: null };
  if (!parsed.success) problem = zodDetails(parsed.error).map((d) => d.issue).join("；");
  else {
    try {
      page = await listOrders(parsed.data);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problem = error.message;
    }
  }
  const filters: Partial<OrdersQuery> = parsed.success ? parsed.data : {};
  const forms = await orderFormOptions();
  const linkWith = (cursor: string | null) => {
    const params = new URLSearchParams();
    for (const key of ["status", "provider", "formId", "from", "to", "q"] as const) {
      const value = filters[key];
      if (value !== undefined && value !== "") params.set(key, String(value));
    }
    if (cursor) params.set("cursor", cursor);
    const qs = params.toString();
    return qs ? `/admin/orders?${qs}` : "/admin/orders";
  };

  return (
    <>
      <h1>订单</h1>
      <form className="toolbar" method="get" action="/admin/orders">
        <input type="search" name="q" defaultValue={filters.q ?? ""} placeholder="订单号、平台交易号、手机号或姓名" aria-label="搜索" className={styles.search} />
        <select name="status" defaultValue={filters.status ?? ""} aria-label="状态">
          <option value="">全部状态</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        <select name="provider" defaultValue={filters.provider ?? ""} aria-label="支付方式">
          <option value="">全部方式</option>
          <option value="wechat">微信支付</option>
          <option value="alipay">支付宝</option>
        </select>
        <select name="formId" defaultValue={filters.formId ? String(filters.formId) : ""} aria-label="表单">
          <option value="">全部表单</option>
          {forms.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
        </select>
        <label className="inline">
          从 <input type="date" name="from" defaultValue={filters.from ?? ""} aria-label="开始日期（北京时间）" />
        </label>
        <label className="inline">
          到 <input type="date" name="to" defaultValue={filters.to ?? ""} aria-label="结束日期（北京时间）" />
        </label>
        <button type="submit">筛选</button>
        <Link href="/admin/orders" className="button secondary">
          重置
        </Link>
      </form>

      {problem && (
        <p className="notice error">
          {problem} <Link href="/admin/orders">回到第一页</Link>
        </p>
      )}

      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>订单号</th>
              <th>表单</th>
              <th>填写内容</th>
              <th>金额</th>
              <th>状态</th>
              <th>方式</th>
              <th>平台交易号</th>
              <th>创建时间</th>
              <th>支付时间</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((o) => (
              <tr key={o.orderNo}>
                <td>
                  <Link href={`/admin/orders/${o.orderNo}`} className={styles.mono}>
                    {o.orderNo}
                  </Link>
                  {o.hasAnomaly && <span className={`badge ${styles.warn}`}>异常</span>}
                  {o.latePayment && <span className={`badge ${styles.warn}`}>迟到支付</span>}
                </td>
                <td>{o.formTitle}</td>
                <td className={styles.summary}>{o.answersSummary}</td>
                <td>{o.amount}</td>
                <td>
                  <span className={`badge ${o.status}`}>{STATUS_LABEL[o.status] ?? o.status}</span>
                </td>
                <td>{METHOD_LABEL[o.provider]}</td>
                <td className={styles.mono}>{o.platformTradeNo ?? "—"}</td>
                <td>{formatBeijingTime(o.createdAt)}</td>
                <td>{formatBeijingTime(o.paidAt)}</td>
              </tr>
            ))}
            {page.items.length === 0 && !problem && (
              <tr>
                <td colSpan={9} className="muted">
                  没有符合条件的订单
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      <nav className={styles.pager}>
        {filters.cursor && <Link href={linkWith(null)}>« 第一页</Link>}
        {page.nextCursor && <Link href={linkWith(page.nextCursor)}>下一页 »</Link>}
        <span className="muted">按创建时间从新到旧，每页 {filters.limit ?? 50} 条；日期为北京时间</span>
      </nav>
    </>
  );
}
