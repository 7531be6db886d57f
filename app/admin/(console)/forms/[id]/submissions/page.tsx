import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guard";
import { AppError, zodDetails } from "@/lib/errors";
import { listSubmissions, PAYMENT_STATUS_LABEL, submissionQuery, submissionTotal } from "@/lib/admin/submissions";
import { STATUS_LABEL } from "@/lib/ui/format";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function SubmissionsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await requireAdminPage();
  const { id } = await params;
  const raw = Object.fromEntries(
    Object.entries(await searchParams)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = submissionQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : submissionQuery.parse({});
  const filter = { paymentStatus: query.status, q: query.q || undefined };
  let page;
  try {
    page = await listSubmissions(Number(id), filter, query.before ?? null, query.limit);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const total = await submissionTotal(page.form.id, filter);
  const filterParams = new URLSearchParams();
  if (filter.paymentStatus) filterParams.set("status", filter.paymentStatus);
  if (filter.q) filterParams.set("q", filter.q);
  const withParams = (base: string, extra: Record<string, string> = {}) => {
    const p = new URLSearchParams(filterParams);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    const qs = p.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const base = `/admin/forms/${page.form.id}/submissions`;

  return (
    <>
      <p>
        <Link href={`/admin/forms/${page.form.id}`}>← {page.form.title}</Link>
      </p>
      <h1>提交记录</h1>
      {!parsed.success && <p className="notice error">{zodDetails(parsed.error).map((d) => d.issue).join("；")}</p>}
      <form className="toolbar" method="get" action={base}>
        <input type="search" name="q" defaultValue={filter.q ?? ""} placeholder="搜索姓名、手机号等答案" aria-label="搜索" />
        <select name="status" defaultValue={filter.paymentStatus ?? ""} aria-label="支付状态">
          <option value="">全部支付状态</option>
          {Object.entries(PAYMENT_STATUS_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          筛选
        </button>
        <span className="spacer" />
        <span className="muted">共 {total} 条</span>
        <a className="button" href={withParams(`/api/admin/forms/${page.form.id}/submissions/export`)} download>
          导出 CSV
        </a>
      </form>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>编号</th>
              <th>提交时间（北京时间）</th>
              {page.columns.map((c) => (
                <th key={c.id} className={c.current ? undefined : "muted"}>
                  {c.label}
                </th>
              ))}
              <th>金额（元）</th>
              <th>支付状态</th>
              <th>订单</th>
            </tr>
          </thead>
          <tbody>
            {page.submissions.length === 0 && (
              <tr>
                <td colSpan={page.columns.length + 5} className="muted">
                  没有符合条件的提交
                </td>
              </tr>
            )}
            {page.submissions.map((s) => (
              <tr key={s.id}>
                <td>{s.id}</td>
                <td>{s.createdAtText}</td>
                {page.columns.map((c) => (
                  <td key={c.id} style={{ whiteSpace: "pre-wrap" }}>
                    {s.cells[c.id]}
                  </td>
                ))}
                <td>{s.amountYuan}</td>
                <td>
                  <span className={`badge ${s.paymentStatus}`}>{s.paymentStatusText}</span>
                </td>
                <td>
                  {s.orders.map((o) => (
                    <div key={o.orderNo}>
                      <Link href={`/admin/orders/${o.orderNo}`}>{o.orderNo}</Link> <span className="muted">{STATUS_LABEL[o.status] ?? o.status}</span>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="toolbar" style={{ marginTop: 16 }}>
        {query.before && <Link href={withParams(base)}>回到第一页</Link>}
        {page.nextBefore && <Link href={withParams(base, { before: String(page.nextBefore) })}>下一页</Link>}
      </div>
    </>
  );
}
