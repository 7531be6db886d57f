"use client";
// 收款账户 on Ant Design: the admin's stored accounts (names never wrap a character a line; long
// ids cut with an ellipsis, full on hover; the table scrolls inside itself on a phone) and,
// read-only, the accounts from environment variables.
import { Alert, Button, Card, Flex, Space, Table, Tag, Tooltip, Typography } from "antd";
import Link from "next/link";
import type { AccountSummary } from "@/lib/accounts/service";
import type { EnvAccountEntry } from "@/lib/accounts/env-entries";
import { METHOD_LABEL } from "@/lib/ui/format";
import { EnableToggle, TestConnectionButton } from "./account-actions";

const METHOD_COLOR: Record<string, string> = { wechat: "green", alipay: "blue" };

export function AccountsView({ accounts, envEntries, savedId }: { accounts: AccountSummary[]; envEntries: EnvAccountEntry[]; savedId: string | null }) {
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <h1 style={{ margin: 0 }}>收款账户</h1>
        <Space wrap>
          <LinkButton href="/admin/accounts/new?provider=wechat" primary>
            添加微信支付账户
          </LinkButton>
          <LinkButton href="/admin/accounts/new?provider=alipay" primary>
            添加支付宝账户
          </LinkButton>
        </Space>
      </Flex>
      {savedId && <Alert type="success" showIcon message="已保存。点击“测试连接”检查签名与验签是否正常。" />}
      <Card title="已添加的账户">
        <StoredAccountsTable accounts={accounts} savedId={savedId} />
      </Card>
      <Card title="来自环境变量（只读）">
        <Typography.Paragraph type="secondary">表单未指定收款账户时使用这里的账户。修改请编辑 .env.local 并重启。</Typography.Paragraph>
        <EnvAccountsTable entries={envEntries} />
      </Card>
    </Space>
  );
}

/** A link that looks like a button: Next's client navigation, one tab stop (the link). */
function LinkButton({ href, primary, small, children }: { href: string; primary?: boolean; small?: boolean; children: React.ReactNode }) {
  return (
    <Link href={href}>
      <Button type={primary ? "primary" : "default"} size={small ? "small" : "middle"} tabIndex={-1}>
        {children}
      </Button>
    </Link>
  );
}

function Ids({ appId, merchantId }: { appId: string | null; merchantId: string | null }) {
  return (
    <>
      <Typography.Text ellipsis={{ tooltip: appId }} copyable={appId ? { text: appId } : false} style={{ maxWidth: 200 }}>
        {appId ?? "—"}
      </Typography.Text>
      <div>
        <Typography.Text type="secondary">{merchantId || "—"}</Typography.Text>
      </div>
    </>
  );
}

function StoredAccountsTable({ accounts, savedId }: { accounts: AccountSummary[]; savedId: string | null }) {
  return (
    <Table<AccountSummary>
      rowKey="id"
      dataSource={accounts}
      pagination={false}
      scroll={{ x: 1100 }}
      locale={{ emptyText: "还没有添加账户。未指定账户的表单使用下方来自环境变量的账户。" }}
      onRow={(a) => ({ "data-account-id": a.id, style: String(a.id) === savedId ? { background: "#f6ffed" } : undefined }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: "名称",
          dataIndex: "name",
          fixed: "left",
          width: 200,
          sorter: (a, b) => a.name.localeCompare(b.name, "zh-CN"),
          render: (_, a) => (
            <Typography.Text ellipsis={{ tooltip: a.name }} style={{ maxWidth: 180, whiteSpace: "nowrap" }}>
              {a.name} <Typography.Text type="secondary">#{a.id}</Typography.Text>
            </Typography.Text>
          ),
        },
        {
          title: "方式",
          dataIndex: "provider",
          width: 100,
          filters: [
            { text: "微信支付", value: "wechat" },
            { text: "支付宝", value: "alipay" },
          ],
          onFilter: (value, a) => a.provider === value,
          render: (p: string) => <Tag color={METHOD_COLOR[p]}>{METHOD_LABEL[p]}</Tag>,
        },
        { title: "AppID / 商户", width: 220, render: (_, a) => <Ids appId={a.appId} merchantId={a.merchantId} /> },
        {
          title: "模式",
          width: 200,
          render: (_, a) => (
            <>
              {a.modeLabel}
              {a.certValidTo && <div className="muted">证书到期 {a.certValidTo}</div>}
              {a.jsapi && <div className={a.jsapi.enabled ? "muted" : "error-text"}>{a.jsapi.enabled ? "已开通公众号支付" : a.jsapi.note}</div>}
            </>
          ),
        },
        {
          title: "接口地址",
          width: 240,
          render: (_, a) => (
            <Space size={4} wrap>
              <Typography.Text code ellipsis={{ tooltip: a.apiUrl }} style={{ maxWidth: 220 }}>
                {a.apiUrl}
              </Typography.Text>
              {a.usesEmulator && <Tag>模拟器</Tag>}
              {a.sandbox && <Tag>沙箱</Tag>}
            </Space>
          ),
        },
        { title: "表单", dataIndex: "formsUsing", width: 70, align: "right", sorter: (a, b) => a.formsUsing - b.formsUsing },
        {
          title: "状态",
          dataIndex: "enabled",
          width: 90,
          filters: [
            { text: "启用", value: true },
            { text: "已停用", value: false },
          ],
          onFilter: (value, a) => a.enabled === value,
          render: (enabled: boolean) => <Tag color={enabled ? "green" : "default"}>{enabled ? "启用" : "已停用"}</Tag>,
        },
        {
          title: "操作",
          width: 300,
          render: (_, a) => (
            <Space wrap>
              <LinkButton href={`/admin/accounts/${a.id}`} small>
                编辑
              </LinkButton>
              <TestConnectionButton id={String(a.id)} />
              <EnableToggle id={a.id} enabled={a.enabled} formsUsing={a.formsUsing} />
            </Space>
          ),
        },
      ]}
    />
  );
}

function EnvAccountsTable({ entries }: { entries: EnvAccountEntry[] }) {
  return (
    <Table<EnvAccountEntry>
      rowKey="id"
      dataSource={entries}
      pagination={false}
      scroll={{ x: 900 }}
      onRow={(e) => ({ "data-account-id": e.id }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: "方式", dataIndex: "provider", fixed: "left", width: 100, render: (p: string) => <Tag color={METHOD_COLOR[p]}>{METHOD_LABEL[p]}</Tag> },
        { title: "AppID / 商户", width: 220, render: (_, e) => <Ids appId={e.appId} merchantId={e.merchantId} /> },
        { title: "模式", width: 160, render: (_, e) => e.modeLabel ?? "—" },
        {
          title: "接口地址",
          width: 240,
          render: (_, e) =>
            e.apiUrl ? (
              <Typography.Text code ellipsis={{ tooltip: e.apiUrl }} style={{ maxWidth: 220 }}>
                {e.apiUrl}
              </Typography.Text>
            ) : (
              "—"
            ),
        },
        {
          title: "来源",
          width: 200,
          render: (_, e) => (
            <>
              <Space size={4} wrap>
                <Tag>来自环境变量</Tag>
                {e.usesEmulator && <Tag>模拟器</Tag>}
              </Space>
              {!e.configured && !e.problem && <div className="muted">未配置</div>}
              {e.problem && (
                <Tooltip title={e.problem}>
                  <div className="error-text">{e.problem}</div>
                </Tooltip>
              )}
            </>
          ),
        },
        { title: "操作", width: 220, render: (_, e) => e.configured && <TestConnectionButton id={e.id} /> },
      ]}
    />
  );
}
