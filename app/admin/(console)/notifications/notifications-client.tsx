"use client";
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Switch, Table, Tag } from "antd";
import { useState } from "react";
import type { ChannelSummary } from "@/lib/notifications/channels";
import { adminFetch } from "../../admin-fetch";
import { apiErrorMessage } from "../api-error";

const KIND_OPTIONS = [
  { value: "wecom", label: "企业微信群机器人" },
  { value: "dingtalk", label: "钉钉群机器人" },
  { value: "webhook", label: "自定义网址" },
];
const EVENT_OPTIONS = [
  { value: "payment", label: "收到付款" },
  { value: "refund", label: "退款成功" },
  { value: "anomaly", label: "订单异常" },
];

interface Values {
  kind: string;
  name: string;
  formId: number | null;
  events: string[];
  url: string;
  secret: string;
}

export function NotificationsClient({ initial, forms }: { initial: ChannelSummary[]; forms: { id: number; title: string }[] }) {
  const { message, modal } = App.useApp();
  const [items, setItems] = useState(initial);
  const [editing, setEditing] = useState<ChannelSummary | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  const formTitle = (id: number | null) => (id === null ? "全部表单" : (forms.find((f) => f.id === id)?.title ?? `表单 #${id}`));

  async function reload() {
    const res = await adminFetch("/api/admin/notifications");
    if (res.ok) setItems(((await res.json()) as { items: ChannelSummary[] }).items);
  }
  function open(target: ChannelSummary | "new") {
    setError(null);
    setEditing(target);
    form.setFieldsValue(
      target === "new"
        ? { kind: "wecom", name: "", formId: null, events: ["payment", "anomaly"], url: "", secret: "" }
        : { kind: target.kind, name: target.name, formId: target.formId, events: target.events, url: "", secret: "" },
    );
  }
  async function save(values: Values) {
    const isNew = editing === "new";
    const res = isNew
      ? await adminFetch("/api/admin/notifications", { method: "POST", body: JSON.stringify(values) })
      : await adminFetch(`/api/admin/notifications/${(editing as ChannelSummary).id}`, {
          method: "PATCH",
          body: JSON.stringify({ name: values.name, formId: values.formId, events: values.events, url: values.url, secret: values.secret }),
        });
    if (!res.ok) return setError(await apiErrorMessage(res));
    setEditing(null);
    message.success("已保存");
    await reload();
  }
  async function test(c: ChannelSummary) {
    const res = await adminFetch(`/api/admin/notifications/${c.id}/test`, { method: "POST" });
    if (res.ok) message.success("测试消息已发送");
    else message.error(await apiErrorMessage(res));
  }
  async function toggle(c: ChannelSummary, enabled: boolean) {
    const res = await adminFetch(`/api/admin/notifications/${c.id}`, { method: "PATCH", body: JSON.stringify({ enabled }) });
    if (!res.ok) message.error(await apiErrorMessage(res));
    await reload();
  }
  function remove(c: ChannelSummary) {
    modal.confirm({
      title: `删除通知渠道：${c.name}`,
      okText: "删除",
      okButtonProps: { danger: true },
      cancelText: "取消",
      onOk: async () => {
        const res = await adminFetch(`/api/admin/notifications/${c.id}`, { method: "DELETE" });
        if (!res.ok) message.error(await apiErrorMessage(res));
        await reload();
      },
    });
  }

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => open("new")}>
          添加通知渠道
        </Button>
      </Space>
      <Table<ChannelSummary>
        rowKey="id"
        dataSource={items}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: "还没有通知渠道" }}
        columns={[
          { title: "名称", dataIndex: "name", fixed: "left" },
          { title: "类型", dataIndex: "kindLabel" },
          { title: "表单", dataIndex: "formId", render: (v: number | null) => formTitle(v) },
          { title: "事件", dataIndex: "eventLabels", render: (v: string[]) => v.map((e) => <Tag key={e}>{e}</Tag>) },
          { title: "地址", dataIndex: "urlHost", render: (v: string, c) => `${v}${c.signed ? "（已设密钥）" : ""}` },
          { title: "启用", dataIndex: "enabled", render: (v: boolean, c) => <Switch checked={v} onChange={(on) => toggle(c, on)} aria-label="启用" /> },
          {
            title: "操作",
            render: (_, c) => (
              <Space wrap>
                <Button size="small" onClick={() => open(c)}>
                  修改
                </Button>
                <Button size="small" onClick={() => test(c)}>
                  发送测试消息
                </Button>
                <Button size="small" danger onClick={() => remove(c)}>
                  删除
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={editing === "new" ? "添加通知渠道" : "修改通知渠道"}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="保存"
        cancelText="取消"
        forceRender
      >
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item label="类型" name="kind">
            <Select options={KIND_OPTIONS} disabled={editing !== "new"} />
          </Form.Item>
          <Form.Item label="名称" name="name" rules={[{ required: true, message: "请填写名称" }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item label="表单" name="formId">
            <Select options={[{ value: null, label: "全部表单" }, ...forms.map((f) => ({ value: f.id, label: f.title }))]} />
          </Form.Item>
          <Form.Item label="通知事件" name="events" rules={[{ required: true, type: "array", min: 1, message: "至少选择一种通知事件" }]}>
            <Checkbox.Group options={EVENT_OPTIONS} />
          </Form.Item>
          <Form.Item
            label="机器人地址"
            name="url"
            extra={editing !== "new" ? "留空则保持原地址" : kind === "wecom" ? "群设置 → 群机器人 → 复制 Webhook 地址" : kind === "dingtalk" ? "群设置 → 机器人 → 自定义机器人的 Webhook 地址" : "收到付款时向此地址发送 JSON"}
            rules={editing === "new" ? [{ required: true, message: "请填写机器人地址" }, { type: "url", message: "请填写以 https:// 开头的完整地址" }] : [{ type: "url", message: "请填写以 https:// 开头的完整地址" }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          {kind !== "wecom" && (
            <Form.Item label={kind === "dingtalk" ? "加签密钥（以 SEC 开头，可选）" : "签名密钥（可选）"} name="secret" extra={editing !== "new" ? "留空则保持原密钥" : undefined}>
              <Input.Password autoComplete="off" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
