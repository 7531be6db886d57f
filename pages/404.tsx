import { NotFoundCard } from "@/payer/not-found-card";
import { PayerHead } from "@/payer/payer-head";

// notFound from a payer page (an unknown form or order): the same words as app/not-found.tsx.
export const config = { unstable_runtimeJS: false };

export default function NotFoundPage() {
  return (
    <>
      <PayerHead title="页面不存在" />
      <NotFoundCard />
    </>
  );
}
