import { requireAdminPage } from "@/lib/auth/guard";
import { listForms } from "@/lib/admin/forms";
import { FormsTable } from "./forms-table";

export const dynamic = "force-dynamic";

export default async function FormsPage() {
  await requireAdminPage();
  return <FormsTable forms={await listForms()} />;
}
