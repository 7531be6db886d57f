import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/guard";
import { emulatedMerchant } from "@/lib/accounts/emulated";
import { WECHAT_OFFICIAL_BASE_URL } from "@/lib/accounts/env-accounts";
import { AccountForm } from "../account-form";
import type { FormValues } from "../account-fields";

export const dynamic = "force-dynamic";

export default async function NewAccountPage({ searchParams }: { searchParams: Promise<{ provider?: string }> }) {
  await requireAdminPage("admin");
  const provider = (await searchParams).provider === "alipay" ? "alipay" : "wechat";
  const initial: FormValues = provider === "wechat" ? { apiBaseUrl: WECHAT_OFFICIAL_BASE_URL } : { mode: "public_key", sandbox: false };
  return (
    <>
      <p>
        <Link href="/admin/accounts">« 收款账户</Link>
      </p>
      <h1>添加{provider === "wechat" ? "微信支付" : "支付宝"}收款账户</h1>
      <AccountForm provider={provider} initial={initial} savedSecrets={[]} emulatorEnabled={emulatedMerchant(provider) !== null} />
    </>
  );
}
