import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE } from "@/lib/auth/cookies";
import { readSession } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "登录管理后台", robots: { index: false } };

/** Only a path inside the console may be returned to, never another site. */
function safeNext(next: string | string[] | undefined): string {
  const ok = typeof next === "string" && /^\/admin(\/|$|\?)/.test(next) && !next.startsWith("/admin/login");
  return ok ? next : "/admin";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
  if (await readSession((await cookies()).get(SESSION_COOKIE)?.value)) redirect(next);
  return (
    <main className="admin-narrow">
      <div className="card">
        <h1>登录管理后台</h1>
        <LoginForm next={next} />
      </div>
    </main>
  );
}
