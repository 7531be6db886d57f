import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/guard";
import { listForms } from "@/lib/admin/forms";
import { formatBeijingTime, formatFen } from "@/lib/ui/format";
import { FORM_STATUS_LABEL } from "./status-label";

export const dynamic = "force-dynamic";

export default async function FormsPage() {
  await requireAdminPage();
  const forms = await listForms();
  return (
    <>
      <div className="toolbar">
        <h1>表单</h1>
        <span className="spacer" />
        <Link href="/admin/forms/new" className="button">
          新建表单
        </Link>
      </div>
      {forms.length === 0 ? (
        <p className="card muted">还没有表单。点击“新建表单”开始。</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>标题</th>
                <th>状态</th>
                <th>提交 / 已支付</th>
                <th>已收金额</th>
                <th>更新时间</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {forms.map((f) => (
                <tr key={f.id}>
                  <td>
                    <Link href={`/admin/forms/${f.id}`}>{f.title}</Link>
                    <div className="muted">/f/{f.slug}</div>
                  </td>
                  <td>
                    <span className={`badge ${f.status}`}>{FORM_STATUS_LABEL[f.status]}</span>
                  </td>
                  <td>
                    {f.submissionCount} / {f.paidCount}
                  </td>
                  <td>{formatFen(f.paidFen)}</td>
                  <td>{formatBeijingTime(f.updatedAt)}</td>
                  <td className="actions">
                    <Link href={`/admin/forms/${f.id}`}>编辑</Link>
                    <Link href={`/admin/forms/${f.id}/submissions`}>提交记录</Link>
                    <Link href={`/admin/forms/${f.id}/preview`}>预览</Link>
                    {f.status === "published" && (
                      <a href={f.publicUrl} target="_blank" rel="noreferrer">
                        打开链接
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
