import { jobsForAdmins } from "@/lib/admin/jobs";
import { requireAdminPage } from "@/lib/auth/guard";
import { JobsClient } from "./jobs-client";

export const dynamic = "force-dynamic";

export default async function JobsPage() {
  await requireAdminPage("admin");
  const items = await jobsForAdmins();
  return (
    <>
      <h1>后台任务</h1>
      <p className="muted">查询待支付订单、在平台关闭订单、退款重试、对账与通知。失败的任务按退避时间自动重试；展开一行可看每次尝试及其错误。</p>
      <JobsClient items={items} />
    </>
  );
}
