"use client";
import { Button, Card, Space, Typography } from "antd";
import { QRCodeCanvas, QRCodeSVG } from "qrcode.react";
import { useRef, useState } from "react";

// The share QR as a file: a 1024 px PNG drawn off-screen, good for print, downloaded with the form's title.
const DOWNLOAD_PX = 1024;

export function SharePanel({ url, title }: { url: string; title: string }) {
  const [copied, setCopied] = useState(false);
  const canvasHolder = useRef<HTMLDivElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      window.prompt("复制链接", url); // clipboard needs https; on http let the admin copy by hand
    }
  }
  function download() {
    const canvas = canvasHolder.current?.querySelector("canvas");
    if (!canvas) return;
    const link = document.createElement("a");
    link.href = canvas.toDataURL("image/png");
    link.download = `${title.replace(/[\\/:*?"<>|]/g, "_")}-二维码.png`;
    link.click();
  }
  return (
    <section aria-label="分享" style={{ marginBottom: 16 }}>
      <Card>
        <Space align="start" wrap size={24}>
          <QRCodeSVG value={url} size={144} marginSize={2} title={`${title}的二维码`} />
          <div ref={canvasHolder} hidden>
            <QRCodeCanvas value={url} size={DOWNLOAD_PX} marginSize={4} />
          </div>
          <div>
            <h2 style={{ marginTop: 0 }}>分享</h2>
            <Typography.Paragraph>
              链接：
              <a href={url} target="_blank" rel="noreferrer" data-testid="public-url">
                <code>{url}</code>
              </a>
            </Typography.Paragraph>
            <Space wrap>
              <Button size="small" onClick={copy}>
                {copied ? "已复制" : "复制链接"}
              </Button>
              <Button size="small" onClick={download}>
                下载二维码图片
              </Button>
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              扫描二维码或打开链接即可填写；下载的图片可直接打印张贴。
            </Typography.Paragraph>
          </div>
        </Space>
      </Card>
    </section>
  );
}
