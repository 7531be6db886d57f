"use client";
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import type { AdminSummary } from "@/lib/admin/admins";
import { formatBeijingTime } from "@/lib/ui/format";
import { adminFetch } from "../../admin-fetch";
import { apiErrorMessage } from "../api-error";

const ROLE_OPTIONS = [
  { value: "admin", label: "管理员" },
  { value: "viewer", label: "查看者" },
];
const passwordRules = [{ required: true, message: "请填写密码" }, { min: 10, message: "密码至少需要 10 个字符" }];

export function AdminsClient({ initial, selfId }: { initial: AdminSummary[]; selfId: number }) {
  const { message, modal } = App.useApp();
  const [admins, setAdmins] = useState(initial);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<AdminSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [addForm] = Form.useForm();
  const [resetForm] = Form.useForm();

  async function reload() {
    const res = await adminFetch("/api/admin/admins");
    if (res.ok) setAdmins(((await res.json()) as { items: AdminSummary[] }).items);
  }
  async function add(values: { username: string; password: string; role: string }) {
    const res = await adminFetch("/api/admin/admins", { method: "POST", body: JSON.stringify(values) });
    if (!res.ok) return setError(await apiErrorMessage(res));
    setAdding(false);
    setError(null);
    addForm.resetFields();
    message.success("已添加");
    await reload();
  }
  function change(a: AdminSummary, body: { role?: string; disabled?: boolean }, what: string) {
    modal.confirm({
      title: `${what}：${a.username}`,
      content: body.disabled ? "停用后该账号立即退出登录，且不能再登录。" : undefined,
      okText: "确定",
      cancelText: "取消",
      onOk: async () => {
        const res = await adminFetch(`/api/admin/admins/${a.id}`, { method: "PATCH", body: JSON.stringify(body) });
        if (!res.ok) message.error(await apiErrorMessage(res));
        else message.success("已保存");
        await reload();
      },
    });
  }
  async function reset(values: { password: string }) {
    if (!resetting) return;
    const res = await adminFetch(`/api/admin/admins/${resetting.id}/password`, { method: "POST", body: JSON.stringify(values) });
    if (!res.ok) return setError(await apiErrorMessage(res));
    setResetting(null);
    setError(null);
    resetForm.resetFields();
    message.success("密码已重置，该账号需用新密码重新登录");
  }

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => setAdding(true)}>
          添加管理员
        </Button>
      </Space>
      <Table<AdminSummary>
        rowKey="id"
        dataSource={admins}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          { title: "用户名", dataIndex: "username", fixed: "left" },
          { title: "角色", dataIndex: "roleLabel", filters: ROLE_OPTIONS.map((r) => ({ text: r.label, value: r.value })), onFilter: (v, r) => r.role === v },
          { title: "状态", render: (_, a) => (a.disabled ? <Tag color="red">已停用</Tag> : <Tag color="green">启用</Tag>) },
          { title: "添加时间", dataIndex: "createdAt", render: (v: number) => formatBeijingTime(v), sorter: (x, y) => x.createdAt - y.createdAt },
          {
            title: "操作",
            render: (_, a) =>
              a.id === selfId ? (
                <span className="muted">当前账号</span>
              ) : (
                <Space wrap>
                  <Button size="small" onClick={() => change(a, { role: a.role === "admin" ? "viewer" : "admin" }, a.role === "admin" ? "改为查看者" : "改为管理员")}>
                    {a.role === "admin" ? "改为查看者" : "改为管理员"}
                  </Button>
                  <Button size="small" danger={!a.disabled} onClick={() => change(a, { disabled: !a.disabled }, a.disabled ? "启用" : "停用")}>
                    {a.disabled ? "启用" : "停用"}
                  </Button>
                  <Button size="small" onClick={() => setResetting(a)}>
                    重置密码
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal title="添加管理员" open={adding} onCancel={() => setAdding(false)} onOk={() => addForm.submit()} okText="添加" cancelText="取消" destroyOnHidden>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
        <Form form={addForm} layout="vertical" onFinish={add} initialValues={{ role: "viewer" }}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: "请填写用户名" }, { pattern: /^[A-Za-z0-9_.-]{1,64}$/, message: "只能包含字母、数字、下划线、点和横线" }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="初始密码" name="password" rules={passwordRules}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label="角色" name="role">
            <Select options={ROLE_OPTIONS} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title={`重置密码：${resetting?.username ?? ""}`} open={resetting !== null} onCancel={() => setResetting(null)} onOk={() => resetForm.submit()} okText="重置" cancelText="取消" destroyOnHidden>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
        <Form form={resetForm} layout="vertical" onFinish={reset}>
          <Form.Item label="新密码" name="password" rules={passwordRules}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
