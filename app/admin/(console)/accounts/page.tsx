import { requireAdminPage } from "@/lib/auth/guard";
import { accountSummaries } from "@/lib/accounts/service";
import { envAccountEntries } from "@/lib/accounts/env-entries";
import { AccountsView } from "./accounts-tables";

export const dynamic = "force-dynamic";

export default async function AccountsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  await requireAdminPage("admin");
  const { saved } = await searchParams;
  return <AccountsView accounts={await accountSummaries()} envEntries={envAccountEntries()} savedId={saved ?? null} />;
}
