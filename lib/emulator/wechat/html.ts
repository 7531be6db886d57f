// Plain HTML for the emulator's phone-side pages (authorize errors, the H5 cashier, the guide):
// small, no client framework, readable by people and by Playwright alike.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const STYLE = `body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#ededed;margin:0;color:#111}
main{max-width:480px;margin:0 auto;background:#fff;min-height:100vh;padding:24px 20px;box-sizing:border-box}
h1{font-size:17px;margin:0 0 20px;text-align:center}.tag{font-size:12px;color:#888;text-align:center;margin:-12px 0 20px}
.amount{font-size:36px;font-weight:600;text-align:center;margin:16px 0}.muted{color:#888;font-size:14px}
button,.button{display:block;width:100%;box-sizing:border-box;padding:12px;margin:12px 0;font-size:17px;border-radius:8px;border:0;text-align:center;text-decoration:none}
.primary{background:#07c160;color:#fff}.secondary{background:#f2f2f2;color:#111}
.error{color:#fa5151}code{background:#f5f5f5;padding:2px 4px;border-radius:4px;word-break:break-all}`;

/** A page in the emulator's WeChat look; `body` is trusted HTML built with escapeHtml. */
export function htmlPage(title: string, body: string, status = 200, headers: Record<string, string> = {}): Response {
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}

/** WeChat's own error page for a bad authorize link; data-error-code lets tests read the code. */
export function oauthErrorPage(code: string, reason: string): Response {
  return htmlPage(
    "微信网页授权（模拟器）- 出错了",
    `<h1>微信网页授权（模拟器）</h1><div data-error-code="${escapeHtml(code)}"><p class="error" role="alert">${escapeHtml(reason)}</p>
<p class="muted">错误码 <span data-testid="error-code">${escapeHtml(code)}</span></p></div>`,
    400,
  );
}
