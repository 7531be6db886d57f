import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { editableAccount, parseAccountId, type EditableAccount } from "@/lib/accounts/service";
import { ALIPAY_GATEWAY, ALIPAY_SANDBOX_GATEWAY } from "@/lib/accounts/env-accounts";
import { AccountForm } from "../account-form";
import type { FormValues } from "../account-fields";

export const dynamic = "force-dynamic";

export default async function EditAccountPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage("admin");
  let account: EditableAccount;
  try {
    account = await editableAccount(parseAccountId((await params).id));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const values: FormValues = {};
  for (const [name, value] of Object.entries(account.values)) {
    if (typeof value === "string" || typeof value === "boolean") values[name] = value;
  }
  // A standard gateway is implied by the sandbox box; only a custom one goes into the field.
  if (values.gatewayUrl === ALIPAY_GATEWAY || values.gatewayUrl === ALIPAY_SANDBOX_GATEWAY) values.gatewayUrl = "";
  return (
    <>
      <p>
        <Link href="/admin/accounts">« 收款账户</Link>
      </p>
      <h1>
        编辑{account.provider === "wechat" ? "微信支付" : "支付宝"}收款账户 #{account.id}
      </h1>
      {!account.enabled && <p className="notice">该账户已停用。</p>}
      {account.formsUsing > 0 && <p className="notice">有 {account.formsUsing} 个表单使用该账户收款，修改后新订单立即使用新设置。</p>}
      <AccountForm provider={account.provider} accountId={account.id} initial={values} savedSecrets={account.savedSecrets} emulatorEnabled={false} />
    </>
  );
}
