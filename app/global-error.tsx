"use client";
// When even the root layout fails: a page of its own, still in Chinese.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "sans-serif", padding: 24 }}>
        <h1>页面出错了</h1>
        <p>服务暂时不可用，请稍后重试。</p>
        <button type="button" onClick={() => reset()}>
          重试
        </button>
      </body>
    </html>
  );
}
