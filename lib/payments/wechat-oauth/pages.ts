// The few pages a payer can meet in the chain (it is a redirect chain, so answers are HTML).
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function oauthPage(status: number, title: string, message: string, extra: { code?: string; retryPath?: string } = {}): Response {
  const retry = extra.retryPath ? `<p><a href="${escape(extra.retryPath)}" style="color:#07c160">返回重新打开</a></p>` : "";
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)}</title></head>
<body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;max-width:480px;margin:48px auto;padding:0 20px;color:#111">
<h1 style="font-size:20px">${escape(title)}</h1><p role="alert" data-code="${escape(extra.code ?? "")}">${escape(message)}</p>${retry}</body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
