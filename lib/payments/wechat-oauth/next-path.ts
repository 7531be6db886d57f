// Where to send the payer back after authorization: a path on this site only, never another
// origin (no open redirect through our callback).
const MAX_CHARS = 512;

/** The path (with query) when `raw` is a same-site relative path; null otherwise. */
export function safeNextPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > MAX_CHARS) return null;
  // "//evil", "/\evil" and control characters are read as another host by browsers.
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\") || /[\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, "http://same.invalid");
  } catch {
    return null;
  }
  if (url.origin !== "http://same.invalid") return null;
  return url.pathname + url.search;
}
