// Where an account's API calls go. Keys and payment data must not cross a network in clear text,
// so plain http is allowed only for loopback (the built-in emulator).
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** null when acceptable, otherwise the reason in words. */
export function apiUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "不是合法的网址（例如 https://api.mch.weixin.qq.com）";
  }
  if (url.username || url.password || url.hash) return "网址不能包含用户名、密码或 # 片段";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  if (url.protocol === "http:") return "必须使用 https（http 只允许 127.0.0.1、::1、localhost 上的模拟器）";
  return "必须是 https 网址";
}

/** The account talks to this app's own emulator (its URL is under SERVER_BASE_URL/sandbox). */
export function pointsAtEmulator(apiUrl: string, serverBaseUrl: string): boolean {
  return apiUrl.startsWith(`${serverBaseUrl}/sandbox/`);
}
