"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { adminFetch } from "@/app/admin/admin-fetch";
import { ALIPAY_FIELDS, WECHAT_FIELDS, type AccountField, type FormValues } from "./account-fields";
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
  const set = (name: string, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));

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

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    setErrors({});
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

  const visible = (f: AccountField) => !f.mode || f.mode === mode;

  return (
    <form onSubmit={submit} className="card" noValidate>
      {emulatorEnabled && !accountId && (
        <p className="notice">
          本机已启用支付模拟器。{" "}
          <button type="button" className="secondary small" onClick={fillFromEmulator}>
            用模拟器的演示商户填充
          </button>
        </p>
      )}
      {message && <p className="notice error">{message}</p>}

      {provider === "alipay" && (
        <div className="field">
          <label>接口加签方式</label>
          <label className="choice">
            <input type="radio" name="mode" checked={mode === "public_key"} onChange={() => set("mode", "public_key")} /> 公钥模式
          </label>
          <label className="choice">
            <input type="radio" name="mode" checked={mode === "cert"} onChange={() => set("mode", "cert")} /> 证书模式
          </label>
          <label className="choice">
            <input type="checkbox" checked={values.sandbox === true} onChange={(e) => set("sandbox", e.target.checked)} /> 使用支付宝沙箱环境（openapi-sandbox.dl.alipaydev.com）
          </label>
          {errors.mode && <div className="error">{errors.mode}</div>}
        </div>
      )}

      {fields.filter(visible).map((f) => {
        const saved = savedSecrets.includes(f.name);
        const value = typeof values[f.name] === "string" ? (values[f.name] as string) : "";
        return (
          <div className="field" key={f.name}>
            <label htmlFor={f.name}>
              {f.label} {saved && <span className="badge">已保存（不显示）</span>}
            </label>
            {f.kind === "pem" || f.kind === "secret-pem" ? (
              <PemField name={f.name} value={value} saved={saved} onChange={(v) => set(f.name, v)} onFileError={(m) => setErrors((e) => ({ ...e, [f.name]: m }))} />
            ) : (
              <input
                id={f.name}
                name={f.name}
                type={f.kind === "secret" ? "password" : "text"}
                autoComplete="off"
                value={value}
                placeholder={saved ? "已保存（不显示）；留空则保留原值" : f.placeholder}
                onChange={(e) => set(f.name, e.target.value)}
              />
            )}
            {f.hint && <div className="hint">{f.hint}</div>}
            {errors[f.name] && <div className="error">{errors[f.name]}</div>}
          </div>
        );
      })}

      <div className="toolbar">
        <button type="submit" disabled={busy}>
          {busy ? "保存中…" : "保存"}
        </button>
        <button type="button" className="secondary" onClick={() => router.push("/admin/accounts")}>
          取消
        </button>
      </div>
      <p className="muted">{provider === "wechat" ? "商户私钥与 APIv3 密钥" : "应用私钥"}加密保存，保存后不再显示。</p>
    </form>
  );
}
