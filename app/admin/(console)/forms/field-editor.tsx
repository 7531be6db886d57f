"use client";
// One field's card in the builder, on Ant Design: title, required, help, and what its type needs.
// Problems show under the input they concern (Form.Item help), from the builder's own checks as
// the admin leaves an input, or from the server after a save.
import { Button, Checkbox, Form, Input, Popconfirm, Radio, Space, Table, Typography } from "antd";
import { ID_RULE } from "@/lib/forms/definition";
import { ownValue } from "@/lib/forms/own";
import { FIELD_TYPE_LABEL, newId, newItem, type UiField, type UiItem, type UiPayment } from "./builder-state";

export type ErrorsFor = (path: string) => string[];

interface Props {
  field: UiField;
  index: number;
  count: number;
  errorsFor: ErrorsFor;
  /** Checks the builder can do itself, for one path, when the admin leaves its input. */
  recheck: (path: string) => void;
  stock: Record<string, { stock: number; remaining: number }>;
  onChange: (field: UiField) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** Form.Item's error props for a path: red, with every message, or nothing. */
export function errorProps(messages: string[], hint?: string) {
  return messages.length ? { validateStatus: "error" as const, help: messages.join("；") } : { help: hint };
}

/** Messages not tied to one input (a whole field, a list). */
export function Errors({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <Typography.Text type="danger" role="alert" style={{ display: "block" }}>
      {messages.join("；")}
    </Typography.Text>
  );
}

export function FieldEditor({ field, index, count, errorsFor, recheck, stock, onChange, onMove, onRemove }: Props) {
  const p = `fields.${index}`;
  const set = (patch: Partial<UiField>) => onChange({ ...field, ...patch });
  // DOM ids from the stable key: the field id is being edited, and two fields may share one for a moment.
  const idOf = (name: string) => `${field.key}-${name}`;
  const isChoice = field.type === "single_choice" || field.type === "multiple_choice";
  return (
    <section className="builder-field" data-testid={`field-${index}`} aria-label={`第 ${index + 1} 个字段`}>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }} wrap>
        <strong>
          {index + 1}. {FIELD_TYPE_LABEL[field.type]}
        </strong>
        <Space size={4} wrap>
          <Button size="small" onClick={() => onMove(-1)} disabled={index === 0} aria-label="上移">
            上移
          </Button>
          <Button size="small" onClick={() => onMove(1)} disabled={index === count - 1} aria-label="下移">
            下移
          </Button>
          <Popconfirm title="删除这个字段？" description="已提交的答案仍保留在提交记录中。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={onRemove} disabled={count === 1}>
            <Button size="small" danger disabled={count === 1} style={{ whiteSpace: "nowrap" }}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      </Space>
      <div className="row">
        <Form.Item label="字段标题" htmlFor={idOf("label")} required {...errorProps(errorsFor(`${p}.label`))}>
          <Input id={idOf("label")} value={field.label} onChange={(e) => set({ label: e.target.value })} />
        </Form.Item>
        <Form.Item label="填写说明（可选）" htmlFor={idOf("help")} {...errorProps(errorsFor(`${p}.help`))}>
          <Input id={idOf("help")} value={field.help} onChange={(e) => set({ help: e.target.value })} />
        </Form.Item>
        <Form.Item label="字段标识" htmlFor={idOf("id")} {...errorProps(errorsFor(`${p}.id`), `${ID_RULE}；已有提交后修改，旧答案会显示为“已移除”的列。`)}>
          <Input id={idOf("id")} value={field.id} spellCheck={false} autoComplete="off" onChange={(e) => set({ id: e.target.value })} onBlur={() => recheck(`${p}.id`)} />
        </Form.Item>
      </div>
      {field.type !== "payment" && (
        <Checkbox checked={field.required} onChange={(e) => set({ required: e.target.checked })}>
          必填
        </Checkbox>
      )}
      {isChoice && <OptionsEditor field={field} path={p} errorsFor={errorsFor} onChange={onChange} />}
      {field.type === "number" && (
        <div className="row">
          <Form.Item label="最小值（可选）" htmlFor={idOf("min")} {...errorProps(errorsFor(`${p}.min`))}>
            <Input id={idOf("min")} inputMode="decimal" value={field.min} onChange={(e) => set({ min: e.target.value })} />
          </Form.Item>
          <Form.Item label="最大值（可选）" htmlFor={idOf("max")} {...errorProps(errorsFor(`${p}.max`))}>
            <Input id={idOf("max")} inputMode="decimal" value={field.max} onChange={(e) => set({ max: e.target.value })} />
          </Form.Item>
        </div>
      )}
      {field.type === "payment" && field.payment && (
        <PaymentEditor payment={field.payment} path={`${p}.payment`} fieldKey={field.key} errorsFor={errorsFor} recheck={recheck} stock={stock} onChange={(payment) => set({ payment })} />
      )}
      <Errors messages={errorsFor(p).concat(errorsFor(`${p}.type`))} />
    </section>
  );
}

function OptionsEditor({ field, path, errorsFor, onChange }: { field: UiField; path: string; errorsFor: ErrorsFor; onChange: (f: UiField) => void }) {
  const setOptions = (options: UiField["options"]) => onChange({ ...field, options });
  return (
    <Form.Item label="选项" {...errorProps(errorsFor(`${path}.options`))}>
      <Space direction="vertical" style={{ width: "100%" }}>
        {field.options.map((option, j) => {
          const messages = errorsFor(`${path}.options.${j}.label`);
          return (
            <div key={option.value}>
              <Space.Compact style={{ width: "100%", maxWidth: 480 }}>
                <Input
                  aria-label={`选项 ${j + 1}`}
                  status={messages.length ? "error" : undefined}
                  value={option.label}
                  onChange={(e) => setOptions(field.options.map((o, k) => (k === j ? { ...o, label: e.target.value } : o)))}
                />
                <Button onClick={() => setOptions(field.options.filter((_, k) => k !== j))} style={{ whiteSpace: "nowrap" }}>
                  删除
                </Button>
              </Space.Compact>
              <Errors messages={messages} />
            </div>
          );
        })}
        <Button size="small" onClick={() => setOptions([...field.options, { value: newId("o"), label: "" }])}>
          添加选项
        </Button>
      </Space>
    </Form.Item>
  );
}

function PaymentEditor(props: {
  payment: UiPayment;
  path: string;
  fieldKey: string;
  errorsFor: ErrorsFor;
  recheck: (path: string) => void;
  stock: Record<string, { stock: number; remaining: number }>;
  onChange: (p: UiPayment) => void;
}) {
  const { payment, path, fieldKey, errorsFor, recheck, stock, onChange } = props;
  const set = (patch: Partial<UiPayment>) => onChange({ ...payment, ...patch });
  const setItem = (j: number, patch: Partial<UiItem>) => set({ items: payment.items.map((item, k) => (k === j ? { ...item, ...patch } : item)) });
  // A table cell's input with its problems under it.
  const cell = (j: number, name: keyof UiItem, label: string, extra: { inputMode?: "decimal" | "numeric"; hint?: string; blurCheck?: boolean } = {}) => {
    const itemPath = `${path}.items.${j}.${name}`;
    return (
      <Form.Item style={{ margin: 0 }} {...errorProps(errorsFor(itemPath), extra.hint)}>
        <Input
          aria-label={label}
          inputMode={extra.inputMode}
          spellCheck={false}
          autoComplete="off"
          value={payment.items[j][name]}
          onChange={(e) => setItem(j, { [name]: e.target.value })}
          onBlur={extra.blurCheck ? () => recheck(itemPath) : undefined}
        />
      </Form.Item>
    );
  };
  return (
    <>
      <Form.Item label="收费方式">
        <Radio.Group aria-label="收费方式" value={payment.mode} onChange={(e) => set({ mode: e.target.value })}>
          <Radio value="fixed">固定金额</Radio>
          <Radio value="custom">付款人填写金额</Radio>
          <Radio value="items">按商品计价</Radio>
        </Radio.Group>
      </Form.Item>
      {payment.mode === "fixed" && (
        <Form.Item label="金额（元）" htmlFor={`${fieldKey}-amount`} {...errorProps(errorsFor(`${path}.amountYuan`))}>
          <Input id={`${fieldKey}-amount`} inputMode="decimal" placeholder="如 50.00" style={{ maxWidth: 200 }} value={payment.amountYuan} onChange={(e) => set({ amountYuan: e.target.value })} onBlur={() => recheck(`${path}.amountYuan`)} />
        </Form.Item>
      )}
      {payment.mode === "custom" && (
        <div className="row">
          <Form.Item label="最低金额（元）" htmlFor={`${fieldKey}-min`} {...errorProps(errorsFor(`${path}.minYuan`))}>
            <Input id={`${fieldKey}-min`} inputMode="decimal" value={payment.minYuan} onChange={(e) => set({ minYuan: e.target.value })} onBlur={() => recheck(`${path}.minYuan`)} />
          </Form.Item>
          <Form.Item label="最高金额（元）" htmlFor={`${fieldKey}-max`} {...errorProps(errorsFor(`${path}.maxYuan`))}>
            <Input id={`${fieldKey}-max`} inputMode="decimal" value={payment.maxYuan} onChange={(e) => set({ maxYuan: e.target.value })} onBlur={() => recheck(`${path}.maxYuan`)} />
          </Form.Item>
        </div>
      )}
      {payment.mode === "items" && (
        <>
          <Table<UiItem>
            rowKey="key"
            size="small"
            dataSource={payment.items}
            pagination={false}
            scroll={{ x: 860 }}
            onRow={(_, j) => ({ "data-testid": `item-${j}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: "商品名称", width: 180, render: (_, __, j) => cell(j, "name", "商品名称") },
              { title: <span title={`商品标识：${ID_RULE}`}>商品标识</span>, width: 150, render: (_, __, j) => cell(j, "id", "商品标识", { blurCheck: true }) },
              { title: "单价（元）", width: 130, render: (_, __, j) => cell(j, "priceYuan", "单价（元）", { inputMode: "decimal", blurCheck: true }) },
              {
                title: "库存（留空为不限）",
                width: 150,
                render: (_, item, j) => {
                  const left = ownValue(stock, item.id);
                  return cell(j, "stock", "库存", { inputMode: "numeric", hint: left ? `剩余 ${left.remaining} / 共 ${left.stock}` : undefined });
                },
              },
              { title: "每单限购（留空为不限）", width: 150, render: (_, __, j) => cell(j, "maxPerOrder", "每单限购", { inputMode: "numeric" }) },
              {
                title: "操作",
                width: 80,
                render: (_, __, j) => (
                  <Popconfirm title="删除这个商品？" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" disabled={payment.items.length === 1} onConfirm={() => set({ items: payment.items.filter((_, k) => k !== j) })}>
                    <Button size="small" danger disabled={payment.items.length === 1} style={{ whiteSpace: "nowrap" }}>
                      删除
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
          <Button size="small" style={{ marginTop: 8 }} onClick={() => set({ items: [...payment.items, newItem()] })}>
            添加商品
          </Button>
          <Errors messages={errorsFor(`${path}.items`)} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            商品标识{ID_RULE}，同一付款字段内不能重复。库存是可售总数：已支付和待支付（未过期）的订单都会占用库存，订单过期未付则自动释放。
          </Typography.Paragraph>
        </>
      )}
      <Errors messages={errorsFor(path)} />
    </>
  );
}
