import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/guard";
import { AdminNav } from "./admin-nav";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "管理后台", robots: { index: false } };

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { admin, csrfToken } = await requireAdminPage();
  return (
    <div className="admin-shell">
      {/* adminFetch reads the token from here (app/admin/admin-fetch.ts). */}
      <meta name="csrf-token" content={csrfToken} />
      <AdminNav username={admin.username} />
      <main className="admin">{children}</main>
    </div>
  );
}
