"use client";
import { Button, DatePicker, Select, Space, Table } from "antd";
import dayjs from "dayjs";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatBeijingTime } from "@/lib/ui/format";

interface Item {
  id: number;
  adminName: string;
  actionLabel: string;
  targetLabel: string;
  ip: string | null;
  createdAt: number;
}

export function AuditClient({ items, actions, filters }: { items: Item[]; actions: { value: string; label: string }[]; filters: { action: string; from: string; to: string } }) {
  const router = useRouter();
  const [action, setAction] = useState(filters.action);
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs] | null>(filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null);
  function apply() {
    const p = new URLSearchParams();
    if (action) p.set("action", action);
    if (range) {
      p.set("from", range[0].format("YYYY-MM-DD"));
      p.set("to", range[1].format("YYYY-MM-DD"));
    }
    router.push(`/admin/audit${p.size ? `?${p}` : ""}`);
  }
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="全部操作" style={{ minWidth: 200 }} value={action || undefined} onChange={(v) => setAction(v ?? "")} options={actions} aria-label="操作" />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} aria-label="日期范围" />
        <Button type="primary" onClick={apply}>
          筛选
        </Button>
      </Space>
      <Table<Item>
        rowKey="id"
        dataSource={items}
        scroll={{ x: "max-content" }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: "时间", dataIndex: "createdAt", fixed: "left", render: (v: number) => formatBeijingTime(v), sorter: (a, b) => a.createdAt - b.createdAt, defaultSortOrder: "descend" },
          { title: "管理员", dataIndex: "adminName" },
          { title: "操作", dataIndex: "actionLabel" },
          { title: "对象", dataIndex: "targetLabel", ellipsis: true },
          { title: "来源地址", dataIndex: "ip", render: (v: string | null) => v ?? "—" },
        ]}
      />
    </>
  );
}
