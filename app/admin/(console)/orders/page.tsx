import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/guard";
import { AppError, zodDetails } from "@/lib/errors";
import { listOrders, orderFormOptions, ordersQuery, type OrdersQuery } from "@/lib/admin/orders-list";
import { OrdersTable } from "./orders-table";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function OrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdminPage();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = ordersQuery.safeParse(raw);
  let problem: string | null = null;
  let page: Awaited<ReturnType<typeof listOrders>> = { items: [], nextCursor: null };
  if (!parsed.success) problem = zodDetails(parsed.error).map((d) => d.issue).join("；");
  else {
    try {
      page = await listOrders(parsed.data);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problem = error.message;
    }
  }
  const filters: Partial<OrdersQuery> = parsed.success ? parsed.data : {};
  const forms = await orderFormOptions();

  return (
    <>
      <h1>订单</h1>
      {problem && (
        <p className="notice error">
          {problem} <Link href="/admin/orders">回到第一页</Link>
        </p>
      )}
      <OrdersTable
        items={page.items}
        forms={forms}
        filters={{ status: filters.status, provider: filters.provider, formId: filters.formId, from: filters.from, to: filters.to, q: filters.q }}
        nextCursor={page.nextCursor}
        onLaterPage={Boolean(filters.cursor)}
        pageSize={filters.limit ?? 50}
      />
    </>
  );
}
