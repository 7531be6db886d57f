"use client";
import { Table, Tag } from "antd";
import type { JobView } from "@/lib/admin/jobs";
import { formatBeijingTime } from "@/lib/ui/format";

const STATUS_COLOR: Record<JobView["status"], string> = { queued: "default", running: "processing", succeeded: "success", failed: "warning", dead: "error" };

export function JobsClient({ items }: { items: JobView[] }) {
  return (
    <Table<JobView>
      rowKey="id"
      dataSource={items}
      scroll={{ x: "max-content" }}
      pagination={{ pageSize: 50, showSizeChanger: false }}
      expandable={{
        rowExpandable: (job) => job.history.length > 0,
        expandedRowRender: (job) => (
          <ul style={{ margin: 0 }}>
            {job.history.map((a) => (
              <li key={a.attempt}>
                第 {a.attempt} 次，{formatBeijingTime(a.startedAt)}：{a.error ? `失败：${a.error}` : "成功"}
              </li>
            ))}
          </ul>
        ),
      }}
      columns={[
        { title: "任务", dataIndex: "kindLabel", fixed: "left" },
        { title: "状态", dataIndex: "status", render: (_: unknown, job) => <Tag color={STATUS_COLOR[job.status]}>{job.statusLabel}</Tag> },
        { title: "尝试次数", render: (_: unknown, job) => `${job.attempts} / ${job.maxAttempts}` },
        { title: "最近错误", dataIndex: "lastError", ellipsis: true, render: (v: string | null) => v ?? "—" },
        { title: "计划时间", dataIndex: "runAt", render: (v: number) => formatBeijingTime(v) },
        { title: "更新时间", dataIndex: "updatedAt", render: (v: number) => formatBeijingTime(v), sorter: (a, b) => a.updatedAt - b.updatedAt, defaultSortOrder: "descend" },
      ]}
    />
  );
}
