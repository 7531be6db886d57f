import type { ReactNode } from "react";

// An unexpected error on a payer page, said plainly and with nothing technical: used by the App
// Router (app/error.tsx, which retries by reset()) and by the pages outside it (pages/500.tsx,
// which has no client runtime and retries by reloading). The retry is the caller's.
export function ServerErrorCard({ retry }: { retry: ReactNode }) {
  return (
    <main className="page">
      <div className="card" role="alert">
        <h1>页面出错了</h1>
        <p className="muted">服务暂时不可用，请稍后重试。若您已付款，款项不会丢失，稍后可凭订单号查询。</p>
        {retry}
      </div>
    </main>
  );
}
