"use client";
import { QRCodeSVG } from "qrcode.react";
import { useState } from "react";

export function SharePanel({ url, title }: { url: string; title: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      window.prompt("复制链接", url); // clipboard needs https; on http let the admin copy by hand
    }
  }
  return (
    <section className="card share" aria-label="分享">
      <QRCodeSVG value={url} size={144} marginSize={2} title={`${title}的二维码`} />
      <div>
        <h2>分享</h2>
        <p>
          链接：
          <a href={url} target="_blank" rel="noreferrer" data-testid="public-url">
            <code>{url}</code>
          </a>
        </p>
        <button type="button" className="secondary small" onClick={copy}>
          {copied ? "已复制" : "复制链接"}
        </button>
        <p className="hint">扫描二维码或打开链接即可填写。截图二维码即可张贴。</p>
      </div>
    </section>
  );
}
