"use client";

import { useState, useSyncExternalStore } from "react";

/**
 * Where a method cannot work (支付宝 inside WeChat): how to open this page in the browser, with the
 * link to copy. Shown instead of sending the payer to a page WeChat would block.
 */
export function OpenInBrowser({ reason, path }: { reason: string; path?: string }) {
  // The browser's own address (empty while rendered on the server), without the fragment:
  // #wechat_redirect stays on the URL after WeChat's authorize redirects.
  const link = useSyncExternalStore(noChanges, () => linkTo(path), () => "");
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("链接已复制，请粘贴到浏览器中打开");
    } catch {
      // Older WebViews have no clipboard API: select the text so a long press copies it.
      (document.getElementById("open-in-browser-link") as HTMLInputElement | null)?.select();
      setCopied("请长按上面的链接，选择「复制」");
    }
  }

  return (
    <div className="notice" role="note" data-testid="open-in-browser">
      <p>{reason}</p>
      <ol style={{ paddingLeft: 20, margin: "8px 0" }}>
        <li>点击右上角「···」</li>
        <li>选择「在浏览器打开」</li>
      </ol>
      <p className="muted">或复制本页链接，粘贴到手机浏览器中打开：</p>
      <input id="open-in-browser-link" readOnly value={link} aria-label="本页链接" onFocus={(e) => e.currentTarget.select()} />
      <button type="button" className="secondary" onClick={copy} style={{ marginTop: 8 }}>
        复制链接
      </button>
      {copied && <p role="status">{copied}</p>}
    </div>
  );
}

const noChanges = () => () => {};

function linkTo(path: string | undefined): string {
  const url = new URL(path ?? window.location.href, window.location.href);
  url.hash = "";
  return url.toString();
}
