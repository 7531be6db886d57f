import { requireAdminPage } from "@/lib/auth/guard";
import { dashboardData } from "@/lib/admin/dashboard";
import { DashboardView } from "./dashboard-view";

export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  await requireAdminPage();
  const { denied } = await searchParams;
  return <DashboardView data={await dashboardData()} denied={Boolean(denied)} />;
}
