// Raw notifies as admins see them: enough to debug, nothing that grants access. Headers that carry
// credentials are masked by name; Alipay's sign is cut to a prefix (it is not secret, but a whole
// signature invites copy-and-replay experiments). WeChat bodies stay as they are: the resource is
// AES-GCM ciphertext.
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-csrf-token|x-api-key)$/i;
const SIGN_PREFIX_CHARS = 12;

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, SECRET_HEADER.test(name) ? "***" : value]));
}

export function maskSign(sign: string): string {
  return sign.length > SIGN_PREFIX_CHARS ? `${sign.slice(0, SIGN_PREFIX_CHARS)}…` : sign;
}

/** Alipay: form-encoded params, one per line, sign shortened. WeChat: pretty JSON when it parses. */
export function maskedBody(provider: string, body: string): string {
  if (provider === "alipay") {
    const params = new URLSearchParams(body);
    return [...params].map(([name, value]) => `${name}=${name === "sign" ? maskSign(value) : value}`).join("\n");
  }
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function parseHeadersJson(text: string): Record<string, string> {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    }
  } catch {
    // A journal row we cannot read is shown as empty rather than breaking the page.
  }
  return {};
}
