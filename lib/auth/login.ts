// Sign-in and sign-out, used by the login/logout routes.
import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getAdminByUsername } from "@/db/queries/admins";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import { createSession, endSession } from "./session";
import { attemptFailed, attemptSucceeded, beginAttempt, throttleKey } from "./throttle";

export const loginBody = z.object({
  username: z.string({ message: "请填写用户名" }).trim().min(1, "请填写用户名").max(64, "用户名过长"),
  password: z.string({ message: "请填写密码" }).min(1, "请填写密码").max(256, "密码过长"),
});

/** clientIp: the caller's address (lib/http/client-ip.ts), which the throttle counts against. */
export async function signIn(
  input: z.infer<typeof loginBody>,
  clientIp: string,
): Promise<{ token: string; csrfToken: string; username: string }> {
  const key = throttleKey(input.username, clientIp);
  const { delayMs } = await beginAttempt(key);
  if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
  const admin = await getAdminByUsername(getDb(), input.username);
  const ok = await verifyPassword(admin?.passwordHash ?? (await dummyPasswordHash()), input.password);
  // A disabled admin is refused as a wrong password would be: no hint that the name exists.
  if (!admin || !ok || admin.disabledAt !== null) {
    await attemptFailed(key);
    throw new AppError("unauthorized", "用户名或密码不正确");
  }
  await attemptSucceeded(key);
  return { ...(await createSession(admin.id)), username: admin.username };
}

export async function signOut(token: string | undefined): Promise<void> {
  await endSession(token);
}
