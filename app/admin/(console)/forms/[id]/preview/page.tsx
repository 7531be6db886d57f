import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getFormById } from "@/db/queries/forms";
import { requireAdminPage } from "@/lib/auth/guard";
import { parseDefinition } from "@/lib/forms/definition";
import { publicFormView } from "@/lib/forms/public-form";
import { FormClient } from "@/app/f/[slug]/form-client";

export const dynamic = "force-dynamic";

export default async function PreviewFormPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  const row = /^\d+$/.test(id) ? getFormById(getDb(), Number(id)) : undefined;
  if (!row) notFound();
  // The saved version, exactly as the payer's page renders it; submitting is disabled.
  const view = publicFormView({ row, definition: parseDefinition(row.definitionJson) });
  return (
    <>
      <p>
        <Link href={`/admin/forms/${row.id}`}>← 返回编辑</Link>
      </p>
      <p className="notice">预览：这是已保存的版本在付款人页面上的样子，提交按钮不会生效。</p>
      <div style={{ maxWidth: 640 }}>
        <FormClient form={view} preview />
      </div>
    </>
  );
}
