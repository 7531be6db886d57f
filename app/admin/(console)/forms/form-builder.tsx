"use client";
// The form builder: basic info, fields, payment settings, limits. Saves through the admin API,
// which validates everything and answers 422 with the failing fields' paths.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { AccountOptions } from "@/lib/admin/forms";
import { FIELD_TYPES, type FieldType } from "@/lib/forms/definition";
import { adminFetch } from "../../admin-fetch";
import { FIELD_TYPE_LABEL, idProblems, newField, toBody, type UiField, type UiForm } from "./builder-state";
import { Errors, FieldEditor } from "./field-editor";

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

  async function save() {
    // Ids the server would refuse: say so next to each id box without sending anything.
    const problems = idProblems(form);
    if (problems.length) {
      setDetails(problems);
      setMessage({ kind: "error", text: "字段或商品标识不符合规则，未保存" });
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
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
    >
      <section className="card">
        <h2>基本信息</h2>
        <div className="field">
          <label htmlFor="form-title">表单标题</label>
          <input id="form-title" type="text" value={form.title} onChange={(e) => set({ title: e.target.value })} />
          <Errors messages={errorsFor("title")} />
        </div>
        <div className="field">
          <label htmlFor="form-description">表单说明（可选）</label>
          <textarea id="form-description" value={form.description} onChange={(e) => set({ description: e.target.value })} />
          <Errors messages={errorsFor("description")} />
        </div>
        <div className="field">
          <label htmlFor="form-slug">链接标识（可选，留空自动生成）</label>
          <input
            id="form-slug"
            type="text"
            value={form.slug}
            disabled={status !== "draft"}
            placeholder="如 winter-2026"
            onChange={(e) => set({ slug: e.target.value.trim().toLowerCase() })}
          />
          <div className="hint">{status === "draft" ? "链接为 /f/链接标识；发布后不能再修改。" : "已发布过的表单不能修改链接。"}</div>
          <Errors messages={errorsFor("slug")} />
        </div>
      </section>

      <section className="card">
        <h2>字段</h2>
        {status !== "draft" && <p className="notice">修改已发布的表单不会改变已提交的答案：每条提交都保存了填写时的字段。</p>}
        {form.fields.map((field, i) => (
          <FieldEditor
            key={field.key}
            field={field}
            index={i}
            count={form.fields.length}
            errorsFor={errorsFor}
            stock={stock}
            onChange={(f) => setField(i, f)}
            onMove={(delta) => moveField(i, delta)}
            onRemove={() => set({ fields: form.fields.filter((_, k) => k !== i) })}
          />
        ))}
        <Errors messages={errorsFor("fields")} />
        <div className="toolbar">
          <select aria-label="新字段类型" value={addType} onChange={(e) => setAddType(e.target.value as FieldType)}>
            {FIELD_TYPES.map((t) => (
              <option key={t} value={t} disabled={t === "payment" && hasPayment}>
                {FIELD_TYPE_LABEL[t]}
              </option>
            ))}
          </select>
          <button type="button" className="secondary" disabled={addType === "payment" && hasPayment} onClick={() => set({ fields: [...form.fields, newField(addType)] })}>
            添加字段
          </button>
        </div>
      </section>

      {hasPayment && (
        <section className="card">
          <h2>收款</h2>
          {(["wechat", "alipay"] as const).map((method) => {
            const accountKey = method === "wechat" ? "wechatAccountId" : "alipayAccountId";
            const checked = form.methods.includes(method);
            return (
              <div className="row" key={method}>
                <label className="inline field">
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={(e) => set({ methods: e.target.checked ? [...form.methods, method] : form.methods.filter((m) => m !== method) })}
                  />
                  {method === "wechat" ? "微信支付" : "支付宝"}
                </label>
                <div className="field">
                  <select
                    aria-label={`${method === "wechat" ? "微信支付" : "支付宝"}收款账户`}
                    disabled={!checked}
                    value={form[accountKey] ?? ""}
                    onChange={(e) => set({ [accountKey]: e.target.value ? Number(e.target.value) : null })}
                  >
                    {accountOptions[method].map((o) => (
                      <option key={o.id ?? "env"} value={o.id ?? ""}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                  <Errors messages={errorsFor(accountKey)} />
                </div>
              </div>
            );
          })}
          <Errors messages={errorsFor("methods")} />
        </section>
      )}

      <section className="card">
        <h2>限制</h2>
        <div className="row">
          <div className="field">
            <label htmlFor="form-deadline">截止时间（北京时间，可选）</label>
            <input id="form-deadline" type="datetime-local" value={form.deadlineAt} onChange={(e) => set({ deadlineAt: e.target.value })} />
            <Errors messages={errorsFor("deadlineAt")} />
          </div>
          <div className="field">
            <label htmlFor="form-cap">已支付提交上限（可选）</label>
            <input id="form-cap" type="text" inputMode="numeric" value={form.maxPaidSubmissions} onChange={(e) => set({ maxPaidSubmissions: e.target.value })} />
            <Errors messages={errorsFor("maxPaidSubmissions")} />
          </div>
        </div>
      </section>

      {message && (
        <p className={`notice ${message.kind}`} role={message.kind === "error" ? "alert" : "status"}>
          {message.text}
          {details.length > 0 && `：${details.length} 处需要修改（见上方红字）`}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" disabled={saving}>
          {saving ? "正在保存…" : formId === null ? "创建表单" : "保存"}
        </button>
      </div>
    </form>
  );
}
