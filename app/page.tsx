import Link from "next/link";

export default function Home() {
  return (
    <main className="page">
      <div className="card">
        <h1>信息收集与收款</h1>
        <p className="muted">发布表单，收集信息，并通过微信支付或支付宝收款。</p>
        <p>
          {/* /f/ is a Pages Router page (pages/f/[slug].tsx): a Link would have the App Router
              prefetch it as one of its own pages, again and again. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a className="button" href="/f/demo">
            打开示例表单
          </a>
        </p>
        <p className="muted">
          管理员请前往 <Link href="/admin">管理后台</Link>。
        </p>
      </div>
    </main>
  );
}
