// The <head> of a payer page outside the App Router (which added these by itself).
import Head from "next/head";

export function PayerHead({ title }: { title: string }) {
  return (
    <Head>
      <title>{title}</title>
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="description" content="表单收集与微信支付、支付宝收款" />
    </Head>
  );
}
