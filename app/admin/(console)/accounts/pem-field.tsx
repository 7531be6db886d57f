"use client";
import type { ChangeEvent } from "react";

/** Told before saving (the server checks properly): text that is neither a PEM block nor bare Base64. */
function looksWrong(value: string): boolean {
  const text = value.trim();
  return text !== "" && !text.includes("-----BEGIN") && !/^[A-Za-z0-9+/=\s]+$/.test(text);
}

/** A PEM textarea with a file picker that reads the file in the browser into the textarea. */
export function PemField(props: {
  name: string;
  value: string;
  saved: boolean;
  onChange: (value: string) => void;
  onFileError: (message: string) => void;
}) {
  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (file.size > 20_000) {
      props.onFileError(`${file.name} 太大（${file.size} 字节），密钥和证书文件通常只有几 KB`);
      return;
    }
    props.onChange(await file.text());
  }
  return (
    <>
      <textarea
        id={props.name}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        rows={props.value ? 8 : 3}
        spellCheck={false}
        autoComplete="off"
        placeholder={props.saved ? "已保存（不显示）；留空则保留原值" : "-----BEGIN …----- 粘贴 PEM，或选择文件"}
        style={{ fontFamily: "ui-monospace, monospace", fontSize: "0.8rem" }}
      />
      <input type="file" accept=".pem,.crt,.cer,.txt,.key" onChange={readFile} aria-label={`选择文件：${props.name}`} />
      {looksWrong(props.value) && <div className="error">内容不像 PEM：应以 -----BEGIN 开头（或粘贴不带首尾行的 Base64）</div>}
    </>
  );
}
