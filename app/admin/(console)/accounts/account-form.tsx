"use client";
// Adding or editing a receiving account, on Ant Design. Each field is checked as the admin leaves
// it (required, the ids' shapes, text that is no PEM) and all of them before saving, so nothing
// obviously wrong is sent; the server's own check (keys parsed, pairs matched) comes back under
// the field it concerns. Saved secrets are never sent back to the browser: left empty, they stay.
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Space, Tag, Typography } from "antd";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { adminFetch } from "@/app/admin/admin-fetch";
import { ALIPAY_FIELDS, fieldProblem, WECHAT_FIELDS, type AccountField, type FormValues } from "./account-fields";
import { PemField } from "./pem-field";

interface Props {
  provider: "wechat" | "alipay";
  /** Absent when adding. */
  accountId?: number;
  initial: FormValues;
  /** Secret fields that have a saved value (edit): left empty, they keep it. */
  savedSecrets: string[];
  emulatorEnabled: boolean;
}

export function AccountForm({ provider, accountId, initial, savedSecrets, emulatorEnabled }: Props) {
  const router = useRouter();
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = provider === "wechat" ? WECHAT_FIELDS : ALIPAY_FIELDS;
  const mode = values.mode === "cert" ? "cert" : "public_key";
  const visible = (f: AccountField) => !f.mode || f.mode === mode;
  const textOf = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");

  const set = (name: string, value: string | boolean) => {
    setValues((v) => ({ ...v, [name]: value }));
    // A fixed field is told so at once; a new problem waits until the admin leaves the field.
    setErrors((e) => (e[name] ? withoutKey(e, name) : e));
  };
  const check = (field: AccountField, value = textOf(field.name)) => {
    const problem = fieldProblem(field, value, savedSecrets.includes(field.name));
    setErrors((e) => (problem ? { ...e, [field.name]: problem } : withoutKey(e, field.name)));
    return problem;
  };

  async function fillFromEmulator() {
    setMessage(null);
    const res = await adminFetch(`/api/admin/accounts/emulator-demo?provider=${provider}`);
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      setMessage(body?.error?.message ?? "无法读取模拟器的演示商户");
      return;
    }
    setValues((v) => ({ ...v, ...body }));
    setErrors({});
  }

  async function submit() {
    setMessage(null);
    const problems = Object.fromEntries(
      fields
        .filter(visible)
        .map((f) => [f.name, fieldProblem(f, textOf(f.name), savedSecrets.includes(f.name))] as const)
        .filter((entry): entry is [string, string] => entry[1] !== null),
    );
    setErrors(problems);
    if (Object.keys(problems).length) {
      setMessage("请先改正标红的项");
      return;
    }
    setBusy(true);
    try {
      const res = await adminFetch(accountId ? `/api/admin/accounts/${accountId}` : "/api/admin/accounts", {
        method: accountId ? "PUT" : "POST",
        body: JSON.stringify({ ...values, provider }),
      });
      const body = await res.json().catch(() => null);
      if (res.ok) {
        router.push(`/admin/accounts?saved=${body.id}`);
        router.refresh();
        return;
      }
      const byField: Record<string, string> = {};
      for (const d of body?.error?.details ?? []) byField[d.field] = d.issue;
      setErrors(byField);
      setMessage(body?.error?.message ?? `保存失败（${res.status}）`);
    } catch {
      setMessage("网络错误，请重试");
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card style={{ maxWidth: 760 }}>
      <Form layout="vertical" onFinish={submit} noValidate>
        {emulatorEnabled && !accountId && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message="本机已启用支付模拟器"
            action={
              <Button size="small" onClick={fillFromEmulator}>
                用模拟器的演示商户填充
              </Button>
            }
          />
        )}
        {message && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={message} role="alert" />}

        {provider === "alipay" && (
          <Form.Item label="接口加签方式" validateStatus={errors.mode ? "error" : undefined} help={errors.mode}>
            <Radio.Group value={mode} onChange={(e) => set("mode", e.target.value)}>
              <Radio value="public_key">公钥模式</Radio>
              <Radio value="cert">证书模式</Radio>
            </Radio.Group>
            <div>
              <Checkbox checked={values.sandbox === true} onChange={(e) => set("sandbox", e.target.checked)}>
                使用支付宝沙箱环境（openapi-sandbox.dl.alipaydev.com）
              </Checkbox>
            </div>
          </Form.Item>
        )}

        {fields.filter(visible).map((f) => {
          const saved = savedSecrets.includes(f.name);
          const value = textOf(f.name);
          return (
            <Form.Item
              key={f.name}
              htmlFor={f.name}
              label={
                <Space size={4}>
                  {f.label}
                  {saved && <Tag>已保存（不显示）</Tag>}
                </Space>
              }
              required={!f.optional && !saved}
              validateStatus={errors[f.name] ? "error" : undefined}
              help={errors[f.name] ?? f.hint}
            >
              {f.kind === "pem" || f.kind === "secret-pem" ? (
                <PemField
                  name={f.name}
                  value={value}
                  saved={saved}
                  onChange={(v) => set(f.name, v)}
                  onBlur={() => check(f)}
                  onFileRead={(v) => check(f, v)}
                  onFileError={(m) => setErrors((e) => ({ ...e, [f.name]: m }))}
                />
              ) : f.kind === "secret" ? (
                <Input.Password
                  id={f.name}
                  autoComplete="off"
                  value={value}
                  placeholder={saved ? "已保存（不显示）；留空则保留原值" : f.placeholder}
                  onChange={(e) => set(f.name, e.target.value)}
                  onBlur={() => check(f)}
                />
              ) : (
                <Input id={f.name} autoComplete="off" value={value} placeholder={f.placeholder} onChange={(e) => set(f.name, e.target.value)} onBlur={() => check(f)} />
              )}
            </Form.Item>
          );
        })}

        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
          <Button onClick={() => router.push("/admin/accounts")}>取消</Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          {provider === "wechat" ? "商户私钥、APIv3 密钥与公众号 AppSecret" : "应用私钥"}加密保存，保存后不再显示。
        </Typography.Paragraph>
      </Form>
    </Card>
  );
}

function withoutKey(record: Record<string, string>, key: string): Record<string, string> {
  const rest = { ...record };
  delete rest[key];
  return rest;
}
