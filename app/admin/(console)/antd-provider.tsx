"use client";
// The console's Ant Design, zh_CN. Zero-runtime styles (antd/dist/antd.css, imported by the
// console layout, is served from 'self'), because our CSP only allows <style> with the request's
// nonce and the registry's server-rendered <style> carries none. AntdRegistry still gathers any
// style antd emits while rendering on the server; ConfigProvider's csp puts the nonce on styles
// antd adds in the browser.
import { AntdRegistry } from "@ant-design/nextjs-registry";
import { App, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";

export function AntdProvider({ nonce, children }: { nonce: string; children: React.ReactNode }) {
  return (
    <AntdRegistry>
      {/* autoInsertSpace off: "筛选" stays "筛选" (not "筛 选"), as buttons read everywhere else. */}
      <ConfigProvider locale={zhCN} csp={{ nonce }} theme={{ zeroRuntime: true }} button={{ autoInsertSpace: false }}>
        <App>{children}</App>
      </ConfigProvider>
    </AntdRegistry>
  );
}
