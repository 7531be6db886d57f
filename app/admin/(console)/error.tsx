"use client";
import { Button, Result } from "antd";

// An unexpected error inside the console: the frame stays, the message is plain, retry is one click.
export default function ConsoleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle="服务器暂时无法完成请求，请稍后重试；问题持续时请查看服务器日志。"
      extra={
        <Button type="primary" onClick={() => reset()}>
          重试
        </Button>
      }
    />
  );
}
