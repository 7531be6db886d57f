import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { dayViewById } from "@/lib/reconciliation/views";
import { DayClient } from "./day-client";

export const dynamic = "force-dynamic";

export default async function ReconciliationDayPage({ params }: { params: Promise<{ id: string }> }) {
  const { admin } = await requireAdminPage();
  const { id } = await params;
  if (!/^\d{1,10}$/.test(id)) notFound();
  const day = await dayViewById(Number(id)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <DayClient initial={day} canWrite={admin.role === "admin"} />;
}
