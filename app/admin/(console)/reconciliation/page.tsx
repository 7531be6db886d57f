import { requireAdminPage } from "@/lib/auth/guard";
import { reconcilableAccounts } from "@/lib/reconciliation/accounts";
import { defaultRunDate, listDayViews } from "@/lib/reconciliation/views";
import { ReconciliationClient } from "./reconciliation-client";

export const dynamic = "force-dynamic";

export default async function ReconciliationPage() {
  const { admin } = await requireAdminPage();
  const [accounts, days] = await Promise.all([reconcilableAccounts(), listDayViews({})]);
  return (
    <>
      <h1>对账</h1>
      <ReconciliationClient accounts={accounts} initialDays={days} defaultDate={defaultRunDate()} canWrite={admin.role === "admin"} />
    </>
  );
}
