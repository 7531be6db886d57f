"use client";
// One field's card in the builder: title, required, help, and what its type needs.
import { ID_RULE } from "@/lib/forms/definition";
import { ownValue } from "@/lib/forms/own";
import { FIELD_TYPE_LABEL, newId, newItem, type UiField, type UiPayment } from "./builder-state";

export type ErrorsFor = (path: string) => string[];

interface Props {
  field: UiField;
  index: number;
  count: number;
  errorsFor: ErrorsFor;
  stock: Record<string, { stock: number; remaining: number }>;
  onChange: (field: UiField) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

export function Errors({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div className="error" role="alert">
      {messages.join("；")}
    </div>
  );
}

export function FieldEditor({ field, index, count, errorsFor, stock, onChange, onMove, onRemove }: Props) {
  const p = `fields.${index}`;
  const set = (patch: Partial<UiField>) => onChange({ ...field, ...patch });
  // DOM ids from the stable key: the field id is being edited, and two fields may share one for a moment.
  const idOf = (name: string) => `${field.key}-${name}`;
  const isChoice = field.type === "single_choice" || field.type === "multiple_choice";
  return (
    <section className="builder-field" data-testid={`field-${index}`} aria-label={`第 ${index + 1} 个字段`}>
      <header>
        <span className="title">
          {index + 1}. {FIELD_TYPE_LABEL[field.type]}
        </span>
        <button type="button" className="secondary small" onClick={() => onMove(-1)} disabled={index === 0} aria-label="上移">
          上移
        </button>
        <button type="button" className="secondary small" onClick={() => onMove(1)} disabled={index === count - 1} aria-label="下移">
          下移
        </button>
        <button type="button" className="secondary small" onClick={onRemove} disabled={count === 1}>
          删除
        </button>
      </header>
      <div className="row">
        <div className="field">
          <label htmlFor={idOf("label")}>字段标题</label>
          <input id={idOf("label")} type="text" value={field.label} onChange={(e) => set({ label: e.target.value })} />
          <Errors messages={errorsFor(`${p}.label`)} />
        </div>
        <div className="field">
          <label htmlFor={idOf("help")}>填写说明（可选）</label>
          <input id={idOf("help")} type="text" value={field.help} onChange={(e) => set({ help: e.target.value })} />
          <Errors messages={errorsFor(`${p}.help`)} />
        </div>
        <div className="field">
          <label htmlFor={idOf("id")}>字段标识</label>
          <input
            id={idOf("id")}
            type="text"
            value={field.id}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={idOf("id-rule")}
            onChange={(e) => set({ id: e.target.value })}
          />
          <div className="hint" id={idOf("id-rule")}>
            {ID_RULE}；已有提交后修改，旧答案会显示为“已移除”的列。
          </div>
          <Errors messages={errorsFor(`${p}.id`)} />
        </div>
      </div>
      {field.type !== "payment" && (
        <label className="inline">
          <input type="checkbox" checked={field.required} onChange={(e) => set({ required: e.target.checked })} />
          必填
        </label>
      )}
      {isChoice && <OptionsEditor field={field} path={p} errorsFor={errorsFor} onChange={onChange} />}
      {field.type === "number" && (
        <div className="row">
          <div className="field">
            <label htmlFor={idOf("min")}>最小值（可选）</label>
            <input id={idOf("min")} type="text" inputMode="decimal" value={field.min} onChange={(e) => set({ min: e.target.value })} />
            <Errors messages={errorsFor(`${p}.min`)} />
          </div>
          <div className="field">
            <label htmlFor={idOf("max")}>最大值（可选）</label>
            <input id={idOf("max")} type="text" inputMode="decimal" value={field.max} onChange={(e) => set({ max: e.target.value })} />
            <Errors messages={errorsFor(`${p}.max`)} />
          </div>
        </div>
      )}
      {field.type === "payment" && field.payment && (
        <PaymentEditor payment={field.payment} path={`${p}.payment`} fieldId={field.key} errorsFor={errorsFor} stock={stock} onChange={(payment) => set({ payment })} />
      )}
      <Errors messages={errorsFor(p).concat(errorsFor(`${p}.type`))} />
    </section>
  );
}

function OptionsEditor({ field, path, errorsFor, onChange }: { field: UiField; path: string; errorsFor: ErrorsFor; onChange: (f: UiField) => void }) {
  const setOptions = (options: UiField["options"]) => onChange({ ...field, options });
  return (
    <div className="field">
      <label>选项</label>
      {field.options.map((option, j) => (
        <div key={option.value} className="choice">
          <input
            type="text"
            aria-label={`选项 ${j + 1}`}
            value={option.label}
            onChange={(e) => setOptions(field.options.map((o, k) => (k === j ? { ...o, label: e.target.value } : o)))}
          />
          <button type="button" className="secondary small" onClick={() => setOptions(field.options.filter((_, k) => k !== j))}>
            删除
          </button>
          <Errors messages={errorsFor(`${path}.options.${j}.label`)} />
        </div>
      ))}
      <button type="button" className="secondary small" onClick={() => setOptions([...field.options, { value: newId("o"), label: "" }])}>
        添加选项
      </button>
      <Errors messages={errorsFor(`${path}.options`)} />
    </div>
  );
}

function PaymentEditor(props: {
  payment: UiPayment;
  path: string;
  fieldId: string;
  errorsFor: ErrorsFor;
  stock: Record<string, { stock: number; remaining: number }>;
  onChange: (p: UiPayment) => void;
}) {
  const { payment, path, fieldId, errorsFor, stock, onChange } = props;
  const set = (patch: Partial<UiPayment>) => onChange({ ...payment, ...patch });
  const setItem = (j: number, patch: Partial<UiPayment["items"][number]>) =>
    set({ items: payment.items.map((item, k) => (k === j ? { ...item, ...patch } : item)) });
  const modes = [
    ["fixed", "固定金额"],
    ["custom", "付款人填写金额"],
    ["items", "按商品计价"],
  ] as const;
  return (
    <div className="field">
      <div role="radiogroup" aria-label="收费方式" className="toolbar">
        {modes.map(([mode, label]) => (
          <label key={mode} className="inline">
            <input type="radio" name={`${fieldId}-mode`} checked={payment.mode === mode} onChange={() => set({ mode })} />
            {label}
          </label>
        ))}
      </div>
      {payment.mode === "fixed" && (
        <div className="field">
          <label htmlFor={`${fieldId}-amount`}>金额（元）</label>
          <input id={`${fieldId}-amount`} type="text" inputMode="decimal" placeholder="如 50.00" value={payment.amountYuan} onChange={(e) => set({ amountYuan: e.target.value })} />
          <Errors messages={errorsFor(`${path}.amountYuan`)} />
        </div>
      )}
      {payment.mode === "custom" && (
        <div className="row">
          <div className="field">
            <label htmlFor={`${fieldId}-min`}>最低金额（元）</label>
            <input id={`${fieldId}-min`} type="text" inputMode="decimal" value={payment.minYuan} onChange={(e) => set({ minYuan: e.target.value })} />
            <Errors messages={errorsFor(`${path}.minYuan`)} />
          </div>
          <div className="field">
            <label htmlFor={`${fieldId}-max`}>最高金额（元）</label>
            <input id={`${fieldId}-max`} type="text" inputMode="decimal" value={payment.maxYuan} onChange={(e) => set({ maxYuan: e.target.value })} />
            <Errors messages={errorsFor(`${path}.maxYuan`)} />
          </div>
        </div>
      )}
      {payment.mode === "items" && (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>商品名称</th>
                <th title={`商品标识：${ID_RULE}`}>商品标识</th>
                <th>单价（元）</th>
                <th>库存（留空为不限）</th>
                <th>每单限购（留空为不限）</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {payment.items.map((item, j) => {
                const ip = `${path}.items.${j}`;
                const left = ownValue(stock, item.id);
                return (
                  <tr key={item.key} data-testid={`item-${j}`}>
                    <td>
                      <input type="text" aria-label="商品名称" value={item.name} onChange={(e) => setItem(j, { name: e.target.value })} />
                      <Errors messages={errorsFor(`${ip}.name`)} />
                    </td>
                    <td>
                      <input
                        type="text"
                        aria-label="商品标识"
                        title={ID_RULE}
                        spellCheck={false}
                        autoComplete="off"
                        value={item.id}
                        onChange={(e) => setItem(j, { id: e.target.value })}
                      />
                      <Errors messages={errorsFor(`${ip}.id`)} />
                    </td>
                    <td>
                      <input type="text" inputMode="decimal" aria-label="单价（元）" value={item.priceYuan} onChange={(e) => setItem(j, { priceYuan: e.target.value })} />
                      <Errors messages={errorsFor(`${ip}.priceYuan`)} />
                    </td>
                    <td>
                      <input type="text" inputMode="numeric" aria-label="库存" value={item.stock} onChange={(e) => setItem(j, { stock: e.target.value })} />
                      {left && <div className="hint">剩余 {left.remaining} / 共 {left.stock}</div>}
                      <Errors messages={errorsFor(`${ip}.stock`)} />
                    </td>
                    <td>
                      <input type="text" inputMode="numeric" aria-label="每单限购" value={item.maxPerOrder} onChange={(e) => setItem(j, { maxPerOrder: e.target.value })} />
                      <Errors messages={errorsFor(`${ip}.maxPerOrder`)} />
                    </td>
                    <td className="actions">
                      <button type="button" className="secondary small" disabled={payment.items.length === 1} onClick={() => set({ items: payment.items.filter((_, k) => k !== j) })}>
                        删除
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button type="button" className="secondary small" onClick={() => set({ items: [...payment.items, newItem()] })}>
            添加商品
          </button>
          <Errors messages={errorsFor(`${path}.items`)} />
          <p className="hint">商品标识{ID_RULE}，同一付款字段内不能重复。</p>
          <p className="hint">库存是可售总数：已支付和待支付（未过期）的订单都会占用库存，订单过期未付则自动释放。</p>
        </div>
      )}
      <Errors messages={errorsFor(path)} />
    </div>
  );
}
