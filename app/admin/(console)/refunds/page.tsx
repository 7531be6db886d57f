import { requireAdminPage } from "@/lib/auth/guard";
import { RefundsClient } from "./refunds-client";

export const dynamic = "force-dynamic";

export default async function RefundsPage() {
  await requireAdminPage();
  return (
    <>
      <h1>退款</h1>
      <RefundsClient />
    </>
  );
}
