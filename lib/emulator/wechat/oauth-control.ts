// Test control for web authorization (not part of WeChat): snapshot mode (快照页模式) for one
// emulated user or for all, so the token answer carries is_snapshotuser=1.
import { z } from "zod";
import { ALL_USERS, setSnapshotMode } from "./oauth-users";

export const oauthControlBody = z
  .object({
    snapshot: z.boolean({ error: "snapshot 须为 true 或 false" }),
    /** The emulated user (the wxemu_user cookie); absent: every user without a setting of their own. */
    user: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "user 须为 1–64 个字母、数字、_ 或 -").optional(),
  })
  .strict();

// POST /sandbox/wechat/oauth/control
export async function handleOauthControl(req: Request): Promise<Response> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    return Response.json({ error: { code: "bad_request", message: "请求体须为 JSON" } }, { status: 400 });
  }
  const parsed = oauthControlBody.safeParse(raw);
  if (!parsed.success) return Response.json({ error: { code: "bad_request", message: z.prettifyError(parsed.error) } }, { status: 400 });
  const user = parsed.data.user ?? ALL_USERS;
  setSnapshotMode(user, parsed.data.snapshot);
  return Response.json({ user, snapshot: parsed.data.snapshot });
}
