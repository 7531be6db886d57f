"use client";
// fetch for the admin console: sends the session's CSRF token (from the layout's
// <meta name="csrf-token">) and a JSON content type when the body is a string.

export function csrfTokenFromPage(): string {
  if (typeof document === "undefined") return "";
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";
}

export async function adminFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = csrfTokenFromPage();
  if (token && !headers.has("x-csrf-token")) headers.set("x-csrf-token", token);
  if (typeof init.body === "string" && !headers.has("content-type")) headers.set("content-type", "application/json");
  const response = await fetch(input, { ...init, headers, credentials: "same-origin" });
  // A session that ran out mid-edit: go and sign in again rather than fail silently.
  if (response.status === 401 && typeof window !== "undefined") {
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load on purpose: the expired session's page state goes with it
    window.location.href = `/admin/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
  }
  return response;
}
