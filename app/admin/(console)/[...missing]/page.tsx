import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guard";

// An unknown /admin/… address: sign-in first, then the console's own 404 (not-found.tsx beside it).
export default async function MissingConsolePage() {
  await requireAdminPage();
  notFound();
}
