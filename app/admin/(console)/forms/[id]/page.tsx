import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { accountOptions, getAdminForm } from "@/lib/admin/forms";
import { formatBeijingTime } from "@/lib/ui/format";
import { fromEditor } from "../builder-state";
import { FormBuilder } from "../form-builder";
import { FORM_STATUS_LABEL } from "../status-label";
import { FormActions } from "./form-actions";
import { SharePanel } from "./share-panel";

export const dynamic = "force-dynamic";

export default async function EditFormPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  const { saved } = await searchParams;
  let form;
  try {
    form = await getAdminForm(Number(id));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  return (
    <>
      <p>
        <Link href="/admin/forms">← 表单</Link>
      </p>
      <div className="toolbar">
        <h1 style={{ margin: 0 }}>{form.input.title}</h1>
        <span className={`badge ${form.status}`}>{FORM_STATUS_LABEL[form.status]}</span>
        <span className="muted">
          第 {form.version} 版 · 更新于 {formatBeijingTime(form.updatedAt)}
        </span>
        <span className="spacer" />
        <FormActions formId={form.id} status={form.status} />
      </div>
      {saved && <p className="notice ok">已创建。预览无误后点击“发布”，即可分享链接。</p>}
      {form.status === "published" && <SharePanel url={form.publicUrl} title={form.input.title} />}
      <FormBuilder
        key={form.version}
        initial={fromEditor(form.input)}
        formId={form.id}
        status={form.status}
        accountOptions={await accountOptions()}
        stock={form.stock}
      />
    </>
  );
}
