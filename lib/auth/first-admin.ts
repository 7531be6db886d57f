// The first admin: from ADMIN_USERNAME/ADMIN_PASSWORD, or for a local demo an `admin` with a
// random password printed once. In a real deployment with neither, nobody is created.
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getDb } from "@/db/client";
import { countAdmins, getAdminByUsername, insertAdmin, setAdminPassword } from "@/db/queries/admins";
import { localFilesFolder } from "@/lib/crypto/local-files";
import { settings } from "@/lib/env";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password";

const USERNAME = /^[A-Za-z0-9_.-]{1,64}$/;

export function usernameProblem(username: string): string | null {
  return USERNAME.test(username) ? null : "用户名只能包含字母、数字、下划线、点和横线（1–64 个字符）";
}

export function passwordProblem(password: string): string | null {
  return password.length >= MIN_PASSWORD_LENGTH ? null : `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`;
}

/** Creates an admin, or resets the password of an existing one. */
export async function upsertAdmin(username: string, password: string): Promise<"created" | "updated"> {
  const problem = usernameProblem(username) ?? passwordProblem(password);
  if (problem) throw new Error(problem);
  const passwordHash = await hashPassword(password);
  const db = getDb();
  const existing = await getAdminByUsername(db, username);
  if (existing) {
    await setAdminPassword(db, existing.id, passwordHash);
    return "updated";
  }
  await insertAdmin(db, { username, passwordHash, createdAt: Date.now() });
  return "created";
}

/** Run once at start; returns a line for the server console, or null when there is nothing to say. */
export async function ensureFirstAdmin(): Promise<string | null> {
  const db = getDb();
  if ((await countAdmins(db)) > 0) return null;
  const s = settings();
  if (s.ADMIN_USERNAME && s.ADMIN_PASSWORD) {
    await upsertAdmin(s.ADMIN_USERNAME, s.ADMIN_PASSWORD);
    return `[admin] created admin "${s.ADMIN_USERNAME}" from ADMIN_USERNAME/ADMIN_PASSWORD; sign in at ${s.SERVER_BASE_URL}/admin/login`;
  }
  if (isRealDeployment()) {
    return "[admin] no admin exists: set ADMIN_USERNAME and ADMIN_PASSWORD, or run `npm run admin:create -- <username>`";
  }
  // The password goes to a file beside the database, or in data/ on PostgreSQL (mode 600), never to the console: server
  // logs are often collected, and a credential in them outlives the demo.
  const password = crypto.randomBytes(12).toString("base64url");
  await upsertAdmin("admin", password);
  const file = path.join(localFilesFolder(), "demo-admin-password.txt");
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return [
    `[admin] demo admin created: sign in at ${s.SERVER_BASE_URL}/admin/login as "admin"`,
    `[admin] with the password in ${path.relative(process.cwd(), file)} (change it with \`npm run admin:create -- admin\`)`,
  ].join("\n");
}

// `npm run demo` runs NODE_ENV=production with the emulator forced on: still a demo.
function isRealDeployment(): boolean {
  const s = settings();
  if (s.NODE_ENV !== "production") return false;
  return !(s.PAYMENT_EMULATOR === "on" && s.PAYMENT_EMULATOR_ALLOW_IN_PRODUCTION === "true");
}
