import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guard";
import { AppError, zodDetails } from "@/lib/errors";
import { listSubmissions, PAYMENT_STATUS_LABEL, submissionQuery, submissionTotal } from "@/lib/admin/submissions";
import { SubmissionsTable } from "./submissions-table";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function SubmissionsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await requireAdminPage();
  const { id } = await params;
  const raw = Object.fromEntries(
    Object.entries(await searchParams)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = submissionQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : submissionQuery.parse({});
  const filter = { paymentStatus: query.status, q: query.q || undefined };
  let page;
  try {
    page = await listSubmissions(Number(id), filter, query.before ?? null, query.limit);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const total = await submissionTotal(page.form.id, filter);
  return (
    <SubmissionsTable
      form={{ id: page.form.id, title: page.form.title }}
      columns={page.columns.map((c) => ({ id: c.id, label: c.label, current: c.current }))}
      submissions={page.submissions.map((s) => ({ id: s.id, createdAtText: s.createdAtText, paymentStatus: s.paymentStatus, paymentStatusText: s.paymentStatusText, amountYuan: s.amountYuan, orders: s.orders, cells: s.cells }))}
      total={total}
      filter={{ status: filter.paymentStatus, q: filter.q }}
      statusOptions={Object.entries(PAYMENT_STATUS_LABEL).map(([value, label]) => ({ value, label }))}
      onLaterPage={query.before !== undefined}
      nextBefore={page.nextBefore ?? null}
      queryProblem={parsed.success ? null : zodDetails(parsed.error).map((d) => d.issue).join("；")}
    />
  );
}
