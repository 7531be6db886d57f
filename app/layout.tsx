import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "信息收集与收款",
  description: "表单收集与微信支付、支付宝收款",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
