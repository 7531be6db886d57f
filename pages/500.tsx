import { PayerHead } from "@/payer/payer-head";

// An unexpected error on a payer page: said plainly; nothing technical shown (as app/error.tsx).
export const config = { unstable_runtimeJS: false };

export default function ServerErrorPage() {
  return (
    <>
      <PayerHead title="页面出错了" />
      <main className="page">
        <div className="card" role="alert">
          <h1>页面出错了</h1>
          <p className="muted">服务暂时不可用，请稍后重试。若您已付款，款项不会丢失，稍后可凭订单号查询。</p>
          <p>
            <a href="">重试</a>
          </p>
        </div>
      </main>
    </>
  );
}
