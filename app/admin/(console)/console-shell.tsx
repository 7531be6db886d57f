"use client";
// The console's frame: side navigation (a drawer-like collapse below 992 px), the signed-in
// admin and role, and sign-out. Entries a 查看者 may not open are not shown to them.
import { Button, Layout, Menu, Space, Tag, Typography } from "antd";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { adminFetch } from "../admin-fetch";
import { ConsoleRoleContext } from "./console-role";

const LINKS: Array<{ href: string; label: string; adminOnly?: boolean }> = [
  { href: "/admin", label: "概览" },
  { href: "/admin/forms", label: "表单" },
  { href: "/admin/orders", label: "订单" },
  { href: "/admin/refunds", label: "退款" },
  { href: "/admin/reconciliation", label: "对账" },
  { href: "/admin/accounts", label: "收款账户", adminOnly: true },
  { href: "/admin/notifications", label: "通知", adminOnly: true },
  { href: "/admin/admins", label: "管理员", adminOnly: true },
  { href: "/admin/audit", label: "操作记录", adminOnly: true },
  { href: "/admin/jobs", label: "后台任务", adminOnly: true },
  { href: "/admin/me", label: "修改密码" },
];

export function ConsoleShell({ username, roleLabel, isAdmin, children }: { username: string; roleLabel: string; isAdmin: boolean; children: React.ReactNode }) {
  // null only under the Pages Router, which the console never is.
  const pathname = usePathname() ?? "/admin";
  const [collapsed, setCollapsed] = useState(false);
  const links = LINKS.filter((l) => isAdmin || !l.adminOnly);
  const active = links.filter((l) => (l.href === "/admin" ? pathname === "/admin" : pathname.startsWith(l.href))).map((l) => l.href);
  async function signOut() {
    await adminFetch("/api/admin/logout", { method: "POST" }).catch(() => undefined);
    // A full load, so no signed-in page stays in the client router's cache.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.href = "/admin/login";
  }
  return (
    <ConsoleRoleContext.Provider value={{ isAdmin }}>
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} collapsed={collapsed} onCollapse={setCollapsed} width={200} theme="light" style={{ borderRight: "1px solid #f0f0f0" }}>
        <div className="console-brand">收款后台</div>
        <Menu
          mode="inline"
          selectedKeys={active}
          items={links.map((l) => ({ key: l.href, label: <Link href={l.href} onClick={() => window.innerWidth < 992 && setCollapsed(true)}>{l.label}</Link> }))}
          aria-label="后台导航"
        />
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="console-header">
          <span className="console-header-spacer" />
          <Space size="small" wrap>
            <Typography.Text className="who">{username}</Typography.Text>
            <Tag>{roleLabel}</Tag>
            <Button type="link" onClick={signOut}>
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ minWidth: 0 }}>
          <main className="admin">{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
    </ConsoleRoleContext.Provider>
  );
}
