import { PayerHead } from "@/payer/payer-head";
import { ServerErrorCard } from "@/payer/server-error-card";

// An unexpected error on a payer page outside the App Router: no client runtime, so the retry
// is a link that reloads the page.
export const config = { unstable_runtimeJS: false };

export default function ServerErrorPage() {
  return (
    <>
      <PayerHead title="页面出错了" />
      <ServerErrorCard
        retry={
          <p>
            <a href="">重试</a>
          </p>
        }
      />
    </>
  );
}
