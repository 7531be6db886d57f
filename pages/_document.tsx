// The HTML frame of the payer pages served by the Pages Router (pages/f, pages/pay): see
// pages/f/[slug].tsx for why those two are not in app/.
import { Head, Html, Main, NextScript } from "next/document";

export default function Document() {
  return (
    <Html lang="zh-CN">
      <Head>
        <link rel="icon" href="/favicon.ico" sizes="any" />
      </Head>
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
