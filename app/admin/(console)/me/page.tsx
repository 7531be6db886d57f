import { requireAdminPage } from "@/lib/auth/guard";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { PasswordForm } from "./password-form";

export const dynamic = "force-dynamic";

export default async function MePage() {
  const { admin } = await requireAdminPage();
  return (
    <>
      <h1>修改密码</h1>
      <p className="muted">
        当前账号：{admin.username}（{ROLE_LABELS[admin.role]}）
      </p>
      <PasswordForm />
    </>
  );
}
