"use client";
// A PEM text box with a file picker that reads the file in the browser into the box (nothing is
// uploaded until the form is saved). Its problems are shown by the form's Form.Item.
import { Button, Input } from "antd";
import { useRef, type ChangeEvent } from "react";

export function PemField(props: {
  name: string;
  value: string;
  saved: boolean;
  onChange: (value: string) => void;
  onBlur: () => void;
  onFileRead: (value: string) => void;
  onFileError: (message: string) => void;
}) {
  const picker = useRef<HTMLInputElement>(null);
  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (file.size > 20_000) {
      props.onFileError(`${file.name} 太大（${file.size} 字节），密钥和证书文件通常只有几 KB`);
      return;
    }
    const text = await file.text();
    props.onChange(text);
    props.onFileRead(text);
  }
  return (
    <>
      <Input.TextArea
        id={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
        autoSize={{ minRows: props.value ? 6 : 3, maxRows: 12 }}
        spellCheck={false}
        autoComplete="off"
        placeholder={props.saved ? "已保存（不显示）；留空则保留原值" : "-----BEGIN …----- 粘贴 PEM，或选择文件"}
        style={{ fontFamily: "ui-monospace, monospace", fontSize: "0.8rem" }}
      />
      <Button size="small" style={{ marginTop: 4 }} onClick={() => picker.current?.click()}>
        选择文件
      </Button>
      <input ref={picker} type="file" hidden accept=".pem,.crt,.cer,.txt,.key" onChange={readFile} aria-label={`选择文件：${props.name}`} />
    </>
  );
}
