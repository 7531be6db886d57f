import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/guard";
import { accountSummaries } from "@/lib/accounts/service";
import { envAccountEntries } from "@/lib/accounts/env-entries";
import { METHOD_LABEL } from "@/lib/ui/format";
import { EnableToggle, TestConnectionButton } from "./account-actions";

export const dynamic = "force-dynamic";

export default async function AccountsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  await requireAdminPage("admin");
  const { saved } = await searchParams;
  const accounts = await accountSummaries();
  const env = envAccountEntries();
  return (
    <>
      <div className="toolbar">
        <h1>收款账户</h1>
        <span className="spacer" />
        <Link href="/admin/accounts/new?provider=wechat" className="button">
          添加微信支付账户
        </Link>
        <Link href="/admin/accounts/new?provider=alipay" className="button">
          添加支付宝账户
        </Link>
      </div>
      {saved && <p className="notice ok">已保存。点击“测试连接”检查签名与验签是否正常。</p>}

      <section className="card">
        <h2>已添加的账户</h2>
        {accounts.length === 0 ? (
          <p className="muted">还没有添加账户。未指定账户的表单使用下方来自环境变量的账户。</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>名称</th>
                  <th>方式</th>
                  <th>AppID / 商户</th>
                  <th>模式</th>
                  <th>接口地址</th>
                  <th>表单</th>
                  <th>状态</th>
                  <th>操作</th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((a) => (
                  <tr key={a.id} data-account-id={a.id} style={String(a.id) === saved ? { background: "#f0fff4" } : undefined}>
                    <td>
                      {a.name} <span className="muted">#{a.id}</span>
                    </td>
                    <td>{METHOD_LABEL[a.provider]}</td>
                    <td>
                      {a.appId}
                      <div className="muted">{a.merchantId || "—"}</div>
                    </td>
                    <td>
                      {a.modeLabel}
                      {a.certValidTo && <div className="muted">证书到期 {a.certValidTo}</div>}
                      {a.jsapi && <div className={a.jsapi.enabled ? "muted" : "error-text"}>{a.jsapi.enabled ? "已开通公众号支付" : a.jsapi.note}</div>}
                    </td>
                    <td>
                      <code>{a.apiUrl}</code> {a.usesEmulator && <span className="badge">模拟器</span>} {a.sandbox && <span className="badge">沙箱</span>}
                    </td>
                    <td>{a.formsUsing}</td>
                    <td>
                      <span className={`badge ${a.enabled ? "paid" : "closed"}`}>{a.enabled ? "启用" : "已停用"}</span>
                    </td>
                    <td className="actions">
                      <Link href={`/admin/accounts/${a.id}`} className="button secondary small">
                        编辑
                      </Link>
                      <TestConnectionButton id={String(a.id)} />
                      <EnableToggle id={a.id} enabled={a.enabled} formsUsing={a.formsUsing} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card">
        <h2>来自环境变量（只读）</h2>
        <p className="muted">表单未指定收款账户时使用这里的账户。修改请编辑 .env.local 并重启。</p>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>方式</th>
                <th>AppID / 商户</th>
                <th>模式</th>
                <th>接口地址</th>
                <th>来源</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {env.map((e) => (
                <tr key={e.id} data-account-id={e.id}>
                  <td>{METHOD_LABEL[e.provider]}</td>
                  <td>
                    {e.appId ?? "—"}
                    <div className="muted">{e.merchantId ?? "—"}</div>
                  </td>
                  <td>{e.modeLabel ?? "—"}</td>
                  <td>{e.apiUrl ? <code>{e.apiUrl}</code> : "—"}</td>
                  <td>
                    <span className="badge">来自环境变量</span> {e.usesEmulator && <span className="badge">模拟器</span>}
                    {!e.configured && !e.problem && <div className="muted">未配置</div>}
                    {e.problem && <div className="error-text">{e.problem}</div>}
                  </td>
                  <td className="actions">{e.configured && <TestConnectionButton id={e.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
