"use client";
import { Alert, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { adminFetch } from "../../admin-fetch";
import { apiErrorMessage } from "../api-error";

const MIN = 10;

export function PasswordForm() {
  const [form] = Form.useForm();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(values: { currentPassword: string; newPassword: string }) {
    setBusy(true);
    const res = await adminFetch("/api/admin/me/password", { method: "POST", body: JSON.stringify({ currentPassword: values.currentPassword, newPassword: values.newPassword }) });
    setBusy(false);
    if (res.ok) {
      form.resetFields();
      setResult({ ok: true, text: "密码已修改" });
    } else setResult({ ok: false, text: await apiErrorMessage(res) });
  }
  return (
    <Card style={{ maxWidth: 480 }}>
      {result && <Alert type={result.ok ? "success" : "error"} title={result.text} showIcon style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: "请填写当前密码" }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: "请填写新密码" }, { min: MIN, message: `密码至少需要 ${MIN} 个字符` }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="再次输入新密码"
          name="confirm"
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: "请再次输入新密码" },
            ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error("两次输入的密码不一致"))) }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
