import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { openFormBySlug, publicFormView } from "@/lib/forms/public-form";
import { FormClient } from "./form-client";

export const dynamic = "force-dynamic";

export default async function FormPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  let view;
  try {
    view = await publicFormView(await openFormBySlug(slug));
  } catch (error) {
    if (error instanceof AppError && error.code === "gone") {
      return (
        <main className="page">
          <div className="card">
            <h1>无法提交</h1>
            <p>{error.message}</p>
          </div>
        </main>
      );
    }
    if (error instanceof AppError) notFound();
    throw error;
  }
  return (
    <main className="page">
      <FormClient form={view} />
    </main>
  );
}
