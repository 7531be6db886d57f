import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guard";
import { previewForm } from "@/lib/admin/forms";
import { FormClient } from "@/payer/form/form-client";

export const dynamic = "force-dynamic";

export default async function PreviewFormPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  // The saved version, exactly as the payer's page renders it; submitting is disabled.
  const preview = /^\d+$/.test(id) ? await previewForm(Number(id)) : null;
  if (!preview) notFound();
  const { view } = preview;
  return (
    <>
      <p>
        <Link href={`/admin/forms/${preview.id}`}>← 返回编辑</Link>
      </p>
      <p className="notice">预览：这是已保存的版本在付款人页面上的样子，提交按钮不会生效。</p>
      <div style={{ maxWidth: 640 }}>
        <FormClient form={view} preview />
      </div>
    </>
  );
}
