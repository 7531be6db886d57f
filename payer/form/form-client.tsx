"use client";

import { useMemo, useState } from "react";
import { OpenInBrowser } from "@/payer/open-in-browser";
import type { PublicFormView } from "@/lib/forms/public-form";
import type { ChannelsFor } from "@/lib/payments/channel";
import { ownValue } from "@/lib/forms/own";
import { parseYuan } from "@/lib/money";
import { formatFenGrouped, METHOD_LABEL } from "@/lib/ui/format";
import { normalisePhone } from "@/lib/forms/phone";
import { MAX_QUANTITY, QuantityBox } from "./quantity-box";
import { RecentSubmission } from "./recent-submission";
import { noteLeftForCashier } from "@/lib/payer/cashier-visit";
import { rememberOrder } from "@/lib/payer/recent-orders";

type Field = PublicFormView["fields"][number];
type Answers = Record<string, unknown>;
interface ApiError {
  error: { code: string; message: string; details?: { field: string; issue: string }[] };
}

/** preview: the admin's look at a form; nothing is submitted. */
/** channels: what each method does where this payer is (absent in the admin's preview). */
export function FormClient({ form, preview = false, channels }: { form: PublicFormView; preview?: boolean; channels?: ChannelsFor }) {
  const [answers, setAnswers] = useState<Answers>({});
  const [typedYuan, setTypedYuan] = useState("");
  // Inside WeChat, the method that works there comes first.
  const [provider, setProvider] = useState(form.methods.find((m) => channels?.[m].available !== false) ?? form.methods[0]);
  const choice = channels?.[provider];
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const paymentField = form.fields.find((f) => f.type === "payment");
  const totalFen = useMemo(() => displayTotal(paymentField, answers, typedYuan), [paymentField, answers, typedYuan]);
  const set = (id: string, value: unknown) => setAnswers((a) => ({ ...a, [id]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (preview) {
      setFormError("这是预览，不会提交");
      return;
    }
    setSubmitting(true);
    setFormError(null);
    setFieldErrors({});
    let amountFen: number | undefined;
    if (paymentField?.payment?.mode === "custom") {
      try {
        amountFen = parseYuan(typedYuan.trim());
      } catch {
        setFieldErrors({ [paymentField.id]: "请输入正确的金额，如 12.30" });
        setSubmitting(false);
        return;
      }
    }
    try {
      // A form that asks for no money is stored as it is; one that does starts a payment.
      const response = paymentField
        ? await fetch("/api/payment/orders", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ formSlug: form.slug, answers, provider, amountFen }),
          })
        : await fetch(`/api/forms/${encodeURIComponent(form.slug)}/submissions`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ answers }),
          });
      const body = await response.json();
      if (!response.ok) {
        const { error } = body as ApiError;
        // fromEntries keeps every field as an own key; errors[d.field] = … would not for "__proto__".
        setFieldErrors(Object.fromEntries((error.details ?? []).map((d) => [d.field, d.issue])));
        setFormError(error.message);
        setSubmitting(false);
        return;
      }
      if (!paymentField) {
        setSubmitted(true);
        return;
      }
      rememberOrder(form.slug, body.orderNo);
      if (body.payUrl) {
        noteLeftForCashier(body.orderNo);
        window.location.assign(body.payUrl);
      } else window.location.assign(body.payPageUrl);
    } catch {
      setFormError("网络异常，请稍后重试");
      setSubmitting(false);
    }
  }

  if (submitted) {
    return (
      <div className="card" role="status">
        <h1>提交成功</h1>
        <p>感谢填写「{form.title}」，您的信息已收到。</p>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      {!preview && <RecentSubmission slug={form.slug} />}
      <div className="card">
        <h1>{form.title}</h1>
        {form.description && <p className="muted">{form.description}</p>}
      </div>
      <div className="card">
        {form.fields.map((field) => (
          <div className="field" key={field.id}>
            <FieldInput field={field} value={ownValue(answers, field.id)} onChange={(v) => set(field.id, v)} typedYuan={typedYuan} onTypedYuan={setTypedYuan} />
            {field.help && <div className="hint">{field.help}</div>}
            {ownValue(fieldErrors, field.id) && (
              <div className="error" role="alert">
                {ownValue(fieldErrors, field.id)}
              </div>
            )}
          </div>
        ))}
      </div>
      {paymentField && (
        <div className="card">
          <h2>支付方式</h2>
          {form.methods.map((method) => (
            <label className="choice" key={method}>
              <input type="radio" name="provider" value={method} checked={provider === method} onChange={() => setProvider(method)} />
              {METHOD_LABEL[method]}
            </label>
          ))}
          {choice?.available && choice.note && <p className="hint">{choice.note}</p>}
          {choice && !choice.available && <OpenInBrowser reason={choice.reason} />}
          <p>
            应付金额：<strong data-testid="total">{totalFen === null ? "—" : formatFenGrouped(totalFen)}</strong>
          </p>
        </div>
      )}
      {formError && (
        <p className="error-text" role="alert">
          {formError}
        </p>
      )}
      <button type="submit" disabled={submitting || (paymentField !== undefined && choice?.available === false)}>
        {submitting ? "正在提交…" : paymentField ? "提交并支付" : "提交"}
      </button>
    </form>
  );
}

function FieldInput(props: {
  field: Field;
  value: unknown;
  onChange: (value: unknown) => void;
  typedYuan: string;
  onTypedYuan: (value: string) => void;
}) {
  const { field, value, onChange } = props;
  const label = (
    <label htmlFor={`f-${field.id}`}>
      {field.label}
      {field.required && <span className="error-text"> *</span>}
    </label>
  );
  const text = typeof value === "string" ? value : "";
  switch (field.type) {
    case "textarea":
      return (
        <>
          {label}
          <textarea id={`f-${field.id}`} value={text} onChange={(e) => onChange(e.target.value)} />
        </>
      );
    case "single_choice":
      return (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600 }}>{field.label}{field.required && <span className="error-text"> *</span>}</legend>
          {(field.options ?? []).map((o) => (
            <label className="choice" key={o.value}>
              <input type="radio" name={field.id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
              {o.label}
            </label>
          ))}
        </fieldset>
      );
    case "multiple_choice": {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600 }}>{field.label}{field.required && <span className="error-text"> *</span>}</legend>
          {(field.options ?? []).map((o) => (
            <label className="choice" key={o.value}>
              <input
                type="checkbox"
                checked={chosen.includes(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))}
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      );
    }
    case "payment":
      return <PaymentInput {...props} />;
    default: {
      const inputType = { phone: "tel", email: "email", number: "number", date: "date" }[field.type as string] ?? "text";
      return (
        <>
          {label}
          <input
            id={`f-${field.id}`}
            type={inputType}
            value={text}
            min={field.min ?? undefined}
            max={field.max ?? undefined}
            inputMode={field.type === "phone" ? "tel" : undefined}
            onChange={(e) => onChange(e.target.value)}
            // "+86 138-0013-8000" or full-width digits become 13800138000, as the server stores them.
            onBlur={field.type === "phone" ? () => text && onChange(normalisePhone(text)) : undefined}
          />
        </>
      );
    }
  }
}

function PaymentInput({ field, value, onChange, typedYuan, onTypedYuan }: Parameters<typeof FieldInput>[0]) {
  const payment = field.payment;
  if (!payment) return null;
  if (payment.mode === "fixed") {
    return (
      <>
        <label>{field.label}</label>
        <div className="amount">{formatFenGrouped(payment.amountFen)}</div>
      </>
    );
  }
  if (payment.mode === "custom") {
    return (
      <>
        <label htmlFor={`f-${field.id}`}>{field.label}（元）</label>
        <input id={`f-${field.id}`} type="text" inputMode="decimal" placeholder="如 12.30" value={typedYuan} onChange={(e) => onTypedYuan(e.target.value)} />
        <div className="hint">
          可填写 {formatFenGrouped(payment.minFen)} 至 {formatFenGrouped(payment.maxFen)}
        </div>
      </>
    );
  }
  const quantities = (value ?? {}) as Record<string, number>;
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend style={{ fontWeight: 600 }}>{field.label}</legend>
      {payment.items.map((item) => (
        <div key={item.id} className="choice" style={{ justifyContent: "space-between" }}>
          <span>
            {item.name}　{formatFenGrouped(item.priceFen)}
            {item.remaining === 0 ? <span className="muted">（已售罄）</span> : item.remaining !== null && <span className="muted">（剩余 {item.remaining}）</span>}
            {item.remaining !== 0 && item.maxPerOrder !== null && item.maxPerOrder !== undefined && <span className="muted">（每单最多 {item.maxPerOrder} 件）</span>}
          </span>
          <QuantityBox
            label={`${item.name}数量`}
            max={Math.min(item.maxPerOrder ?? MAX_QUANTITY, item.remaining ?? MAX_QUANTITY)}
            disabled={item.remaining === 0}
            value={ownValue(quantities, item.id) ?? 0}
            onChange={(n) => onChange({ ...quantities, [item.id]: n })}
          />
        </div>
      ))}
    </fieldset>
  );
}

// Display only: the server computes the amount it charges.
function displayTotal(field: Field | undefined, answers: Answers, typedYuan: string): number | null {
  const payment = field?.payment;
  if (!field || !payment) return null;
  if (payment.mode === "fixed") return payment.amountFen;
  if (payment.mode === "custom") {
    try {
      return parseYuan(typedYuan.trim());
    } catch {
      return null;
    }
  }
  const quantities = ownValue(answers, field.id) as Record<string, number> | undefined;
  return payment.items.reduce((sum, item) => sum + item.priceFen * (ownValue(quantities, item.id) ?? 0), 0);
}
