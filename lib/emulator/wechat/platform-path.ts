// Where the emulator is mounted in the app. A merchant signs the request target it sends, so the
// emulator verifies the target as received (mount prefix included) and routes on what follows it.
export const WECHAT_SANDBOX_PREFIX = "/sandbox/wechat";

/** The request target as received: path and query, undecoded, without scheme and host. */
export function requestTargetFromUrl(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").replace(/#.*$/, "");
}

/** The target relative to the platform root ("/v3/…"): the request target minus the mount prefix. */
export function platformPathFromUrl(url: string, prefix = WECHAT_SANDBOX_PREFIX): string {
  return stripMountPrefix(requestTargetFromUrl(url), prefix);
}

export function stripMountPrefix(target: string, prefix: string): string {
  return prefix && target.startsWith(`${prefix}/`) ? target.slice(prefix.length) : target;
}
