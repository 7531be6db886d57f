import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/guard";
import { accountOptions } from "@/lib/admin/forms";
import { emptyForm } from "../builder-state";
import { FormBuilder } from "../form-builder";

export const dynamic = "force-dynamic";

export default async function NewFormPage() {
  await requireAdminPage();
  return (
    <>
      <p>
        <Link href="/admin/forms">← 表单</Link>
      </p>
      <h1>新建表单</h1>
      {/* Built here, on the server, so the random field ids match between server and browser. */}
      <FormBuilder initial={emptyForm()} formId={null} status="draft" accountOptions={await accountOptions()} stock={{}} />
    </>
  );
}
