"use client";
// Daily revenue (recharts): bars of fen per Beijing day, shown as yuan on the axis, the day and count on hover.
// The right margin and interval keep the last date label inside the chart (it was clipped).
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatFenGrouped } from "@/lib/ui/format";

export interface RevenueDay {
  date: string;
  revenueFen: number;
  paidCount: number;
}

export function RevenueChart({ days }: { days: RevenueDay[] }) {
  const data = days.map((d) => ({ ...d, label: d.date.slice(5) }));
  return (
    <div role="img" aria-label="近 30 天每日收款" style={{ width: "100%", height: 240 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={12} tick={{ fontSize: 12 }} padding={{ left: 4, right: 4 }} />
          <YAxis tick={{ fontSize: 12 }} width={64} tickFormatter={(fen: number) => formatFenGrouped(Math.round(fen)).replace(/\.00$/, "")} />
          <Tooltip
            formatter={(_value, _name, item) => [formatFenGrouped((item.payload as RevenueDay).revenueFen), "收款"]}
            labelFormatter={(_label, payload) => {
              const day = payload?.[0]?.payload as RevenueDay | undefined;
              return day ? `${day.date}（${day.paidCount} 笔）` : "";
            }}
          />
          <Bar dataKey="revenueFen" fill="#1677ff" radius={[2, 2, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
