import Link from "next/link";

export default function Home() {
  return (
    <main className="page">
      <div className="card">
        <h1>信息收集与收款</h1>
        <p className="muted">发布表单，收集信息，并通过微信支付或支付宝收款。</p>
        <p>
          <Link className="button" href="/f/demo">
            打开示例表单
          </Link>
        </p>
        <p className="muted">
          管理员请前往 <Link href="/admin">管理后台</Link>。
        </p>
      </div>
    </main>
  );
}
