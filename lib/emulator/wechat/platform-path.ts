// Where the emulator is mounted in the app. The adapter's base URL is http://HOST/sandbox/wechat,
// so it signs "/v3/…": the platform path is the raw request target minus this prefix.
export const WECHAT_SANDBOX_PREFIX = "/sandbox/wechat";

/** The request target as received (undecoded, query included), relative to the platform root. */
export function platformPathFromUrl(url: string, prefix = WECHAT_SANDBOX_PREFIX): string {
  const target = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  return target.startsWith(`${prefix}/`) ? target.slice(prefix.length) : target;
}
