import { Button, Result } from "antd";
import Link from "next/link";

// notFound() inside the console (an unknown order, form or account), in the console's frame.
export default function ConsoleNotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="要找的订单、表单或页面不存在，可能已被删除或地址有误。"
      extra={
        <Link href="/admin">
          <Button type="primary">返回概览</Button>
        </Link>
      }
    />
  );
}
