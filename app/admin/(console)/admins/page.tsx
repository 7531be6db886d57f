import { requireAdminPage } from "@/lib/auth/guard";
import { adminSummaries } from "@/lib/admin/admins";
import { AdminsClient } from "./admins-client";

export const dynamic = "force-dynamic";

export default async function AdminsPage() {
  const { admin } = await requireAdminPage("admin");
  return (
    <>
      <h1>管理员</h1>
      <p className="muted">管理员可以做所有操作；查看者只能查看，不能退款、管理收款账户或导出个人信息。停用后其登录立即失效。</p>
      <AdminsClient initial={await adminSummaries()} selfId={admin.id} />
    </>
  );
}
