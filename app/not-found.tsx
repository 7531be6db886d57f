import Link from "next/link";

// Every unknown address (and notFound() outside the console): in the payer pages' plain style.
export default function NotFound() {
  return (
    <main className="page">
      <div className="card" role="status">
        <h1>页面不存在</h1>
        <p className="muted">链接可能有误，或表单已被删除。请检查地址，或联系发给您链接的人。</p>
        <p>
          <Link href="/">返回首页</Link>
        </p>
      </div>
    </main>
  );
}
