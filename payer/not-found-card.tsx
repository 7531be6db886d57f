// A missing page, in the payer pages' plain style: used by the App Router (app/not-found.tsx) and
// by the payer pages outside it (pages/404.tsx).
export function NotFoundCard() {
  return (
    <main className="page">
      <div className="card" role="status">
        <h1>页面不存在</h1>
        <p className="muted">链接可能有误，或表单已被删除。请检查地址，或联系发给您链接的人。</p>
        <p>
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- also shown where Next's client runtime is off (pages/404.tsx) */}
          <a href="/">返回首页</a>
        </p>
      </div>
    </main>
  );
}
