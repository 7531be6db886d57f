"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { adminFetch } from "../admin-fetch";

const LINKS = [
  { href: "/admin", label: "概览" },
  { href: "/admin/forms", label: "表单" },
  { href: "/admin/orders", label: "订单" },
  { href: "/admin/accounts", label: "收款账户" },
];

export function AdminNav({ username }: { username: string }) {
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/admin" ? pathname === "/admin" : pathname.startsWith(href));
  async function signOut() {
    await adminFetch("/api/admin/logout", { method: "POST" }).catch(() => undefined);
    window.location.href = "/admin/login";
  }
  return (
    <nav className="admin-nav">
      <span className="brand">收款后台</span>
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} className={isActive(l.href) ? "active" : undefined}>
          {l.label}
        </Link>
      ))}
      <span className="spacer" />
      <span className="who">{username}</span>
      <button type="button" className="link" onClick={signOut}>
        退出登录
      </button>
    </nav>
  );
}
