"use client";
// An unexpected error on a payer page: said plainly, with a retry; nothing technical shown.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page">
      <div className="card" role="alert">
        <h1>页面出错了</h1>
        <p className="muted">服务暂时不可用，请稍后重试。若您已付款，款项不会丢失，稍后可凭订单号查询。</p>
        <button type="button" onClick={() => reset()}>
          重试
        </button>
      </div>
    </main>
  );
}
