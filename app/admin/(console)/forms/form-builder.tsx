"use client";
// The form builder on Ant Design: basic info, fields, payment settings, limits. Ids and amounts are
// checked as they are typed (the server's own words, lib/forms/amount-check.ts) and before saving;
// the admin API validates everything again and answers 422 with the failing inputs' paths.
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space } from "antd";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { AccountOptions } from "@/lib/admin/forms";
import { FIELD_TYPES, type FieldType } from "@/lib/forms/definition";
import { adminFetch } from "../../admin-fetch";
import { FIELD_TYPE_LABEL, localProblems, newField, toBody, type UiField, type UiForm } from "./builder-state";
import { errorProps, Errors, FieldEditor } from "./field-editor";

interface Props {
  initial: UiForm;
  formId: number | null;
  status: "draft" | "published" | "closed";
  accountOptions: AccountOptions;
  stock: Record<string, { stock: number; remaining: number }>;
}

type Detail = { field: string; issue: string };

export function FormBuilder({ initial, formId, status, accountOptions, stock }: Props) {
  const router = useRouter();
  const [form, setForm] = useState<UiForm>(initial);
  const [details, setDetails] = useState<Detail[]>([]);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [addType, setAddType] = useState<FieldType>("text");

  const set = (patch: Partial<UiForm>) => setForm((f) => ({ ...f, ...patch }));
  const setField = (i: number, field: UiField) => set({ fields: form.fields.map((f, k) => (k === i ? field : f)) });
  const moveField = (i: number, delta: -1 | 1) => {
    const fields = [...form.fields];
    [fields[i], fields[i + delta]] = [fields[i + delta], fields[i]];
    set({ fields });
  };
  const errorsFor = (path: string) => details.filter((d) => d.field === path).map((d) => d.issue);
  const hasPayment = form.fields.some((f) => f.type === "payment");

  // The builder's own check for one input, as the admin leaves it: that path's problems replace
  // what was said of it before (a server message included, since the value has changed).
  const recheck = (path: string) =>
    setDetails((current) => [...current.filter((d) => d.field !== path), ...localProblems(form).filter((d) => d.field === path)]);

  async function save() {
    // What the server would refuse and the builder can tell: said under each input, nothing sent.
    const problems = localProblems(form);
    if (problems.length) {
      setDetails(problems);
      setMessage({ kind: "error", text: "有内容需要修改，未保存" });
      return;
    }
    setSaving(true);
    setMessage(null);
    try {
      const res = await adminFetch(formId === null ? "/api/admin/forms" : `/api/admin/forms/${formId}`, {
        method: formId === null ? "POST" : "PUT",
        body: JSON.stringify(toBody(form)),
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        setDetails(body?.error?.details ?? []);
        setMessage({ kind: "error", text: body?.error?.message ?? "保存失败，请稍后再试" });
        return;
      }
      setDetails([]);
      if (formId === null) {
        router.push(`/admin/forms/${body.id}?saved=1`);
        return;
      }
      set({ version: body.version });
      setMessage({ kind: "ok", text: "已保存" });
      router.refresh();
    } catch {
      setMessage({ kind: "error", text: "网络错误，请稍后再试" });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form layout="vertical" onFinish={() => void save()} noValidate>
      <Section title="基本信息">
        <Form.Item label="表单标题" htmlFor="form-title" required {...errorProps(errorsFor("title"))}>
          <Input id="form-title" value={form.title} onChange={(e) => set({ title: e.target.value })} />
        </Form.Item>
        <Form.Item label="表单说明（可选）" htmlFor="form-description" {...errorProps(errorsFor("description"))}>
          <Input.TextArea id="form-description" autoSize={{ minRows: 2, maxRows: 8 }} value={form.description} onChange={(e) => set({ description: e.target.value })} />
        </Form.Item>
        <Form.Item
          label="链接标识（可选，留空自动生成）"
          htmlFor="form-slug"
          {...errorProps(errorsFor("slug"), status === "draft" ? "链接为 /f/链接标识；发布后不能再修改。" : "已发布过的表单不能修改链接。")}
        >
          <Input id="form-slug" value={form.slug} disabled={status !== "draft"} placeholder="如 winter-2026" style={{ maxWidth: 320 }} onChange={(e) => set({ slug: e.target.value.trim().toLowerCase() })} />
        </Form.Item>
      </Section>

      <Section title="字段">
        {status !== "draft" && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="修改已发布的表单不会改变已提交的答案：每条提交都保存了填写时的字段。" />}
        {form.fields.map((field, i) => (
          <FieldEditor
            key={field.key}
            field={field}
            index={i}
            count={form.fields.length}
            errorsFor={errorsFor}
            recheck={recheck}
            stock={stock}
            onChange={(f) => setField(i, f)}
            onMove={(delta) => moveField(i, delta)}
            onRemove={() => set({ fields: form.fields.filter((_, k) => k !== i) })}
          />
        ))}
        <Errors messages={errorsFor("fields")} />
        <Space wrap style={{ marginTop: 8 }}>
          <Select
            aria-label="新字段类型"
            style={{ width: 160 }}
            value={addType}
            onChange={(type: FieldType) => setAddType(type)}
            options={FIELD_TYPES.map((t) => ({ value: t, label: FIELD_TYPE_LABEL[t], disabled: t === "payment" && hasPayment }))}
          />
          <Button disabled={addType === "payment" && hasPayment} onClick={() => set({ fields: [...form.fields, newField(addType)] })}>
            添加字段
          </Button>
        </Space>
      </Section>

      {hasPayment && (
        <Section title="收款">
          {(["wechat", "alipay"] as const).map((method) => {
            const accountKey = method === "wechat" ? "wechatAccountId" : "alipayAccountId";
            const checked = form.methods.includes(method);
            const name = method === "wechat" ? "微信支付" : "支付宝";
            return (
              <Form.Item key={method} {...errorProps(errorsFor(accountKey))}>
                <Space wrap>
                  <Checkbox checked={checked} onChange={(e) => set({ methods: e.target.checked ? [...form.methods, method] : form.methods.filter((m) => m !== method) })}>
                    {name}
                  </Checkbox>
                  <Select
                    aria-label={`${name}收款账户`}
                    disabled={!checked}
                    style={{ minWidth: 260 }}
                    value={form[accountKey] ?? ""}
                    onChange={(value: number | "") => set({ [accountKey]: value === "" ? null : value })}
                    options={accountOptions[method].map((o) => ({ value: o.id ?? "", label: o.label }))}
                  />
                </Space>
              </Form.Item>
            );
          })}
          <Errors messages={errorsFor("methods")} />
        </Section>
      )}

      <Section title="限制">
        <div className="row">
          <Form.Item label="截止时间（北京时间，可选）" htmlFor="form-deadline" {...errorProps(errorsFor("deadlineAt"))}>
            <Input id="form-deadline" type="datetime-local" value={form.deadlineAt} onChange={(e) => set({ deadlineAt: e.target.value })} />
          </Form.Item>
          <Form.Item label="已支付提交上限（可选）" htmlFor="form-cap" {...errorProps(errorsFor("maxPaidSubmissions"))}>
            <Input id="form-cap" inputMode="numeric" value={form.maxPaidSubmissions} onChange={(e) => set({ maxPaidSubmissions: e.target.value })} />
          </Form.Item>
        </div>
      </Section>

      {message && (
        <Alert
          type={message.kind === "error" ? "error" : "success"}
          showIcon
          style={{ marginBottom: 16 }}
          role={message.kind === "error" ? "alert" : "status"}
          message={`${message.text}${details.length > 0 ? `：${details.length} 处需要修改（见上方红字）` : ""}`}
        />
      )}
      <Button type="primary" htmlType="submit" loading={saving}>
        {formId === null ? "创建表单" : "保存"}
      </Button>
    </Form>
  );
}

/** A Card that is a <section> with an <h2>: the builder keeps its landmarks and headings. */
function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section style={{ marginBottom: 16 }}>
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{title}</h2>}>{children}</Card>
    </section>
  );
}
