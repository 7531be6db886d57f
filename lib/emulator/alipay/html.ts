// Plain HTML pages the gateway answers a browser with (the cashier itself is a React page).

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * Alipay shows a "抱歉，出错了" page with the error code and reason; data-error-code lets tests
 * (and openCashier) read the code without scraping text.
 */
export function errorPage(code: string, reason: string, status = 200): Response {
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>支付宝收银台（模拟器）- 出错了</title>
<style>body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;margin:0;color:#333}
main{max-width:520px;margin:48px auto;background:#fff;border-radius:8px;padding:24px 20px}
h1{font-size:18px;color:#1677ff;margin:0 0 16px}h2{font-size:20px;margin:0 0 12px}dt{color:#888}dd{margin:0 0 8px}</style></head>
<body><main data-error-code="${escapeHtml(code)}">
<h1>支付宝收银台（模拟器）</h1>
<h2>抱歉，出错了</h2>
<dl><dt>错误代码</dt><dd data-testid="error-code">${escapeHtml(code)}</dd><dt>错误原因</dt><dd data-testid="error-reason">${escapeHtml(reason)}</dd></dl>
</main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html;charset=utf-8" } });
}

export function infoPage(title: string, message: string): Response {
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>支付宝收银台（模拟器）</title></head>
<body style="font-family:sans-serif;max-width:520px;margin:48px auto;padding:0 16px">
<h1 style="font-size:18px;color:#1677ff">支付宝收银台（模拟器）</h1><h2>${escapeHtml(title)}</h2><p>${escapeHtml(message)}</p>
</body></html>`;
  return new Response(html, { status: 200, headers: { "Content-Type": "text/html;charset=utf-8" } });
}
