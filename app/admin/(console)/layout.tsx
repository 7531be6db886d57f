import type { Metadata } from "next";
import { headers } from "next/headers";
import "antd/dist/antd.css";
import { requireAdminPage } from "@/lib/auth/guard";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { AntdProvider } from "./antd-provider";
import { ConsoleShell } from "./console-shell";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "管理后台", robots: { index: false } };

// Ant Design is loaded here only: the payer pages (app/f, app/pay) never get it.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { admin, csrfToken } = await requireAdminPage();
  const nonce = (await headers()).get("x-nonce") ?? "";
  return (
    <AntdProvider nonce={nonce}>
      {/* adminFetch reads the token from here (app/admin/admin-fetch.ts). */}
      <meta name="csrf-token" content={csrfToken} />
      <ConsoleShell username={admin.username} roleLabel={ROLE_LABELS[admin.role]} isAdmin={admin.role === "admin"}>
        {children}
      </ConsoleShell>
    </AntdProvider>
  );
}
