"use client";
// Notes this order for its form in this browser (lib/payer/recent-orders.ts), pay-again ones too.
import { useEffect } from "react";
import { rememberOrder } from "@/lib/payer/recent-orders";

export function RememberOrder({ slug, orderNo }: { slug: string; orderNo: string }) {
  useEffect(() => rememberOrder(slug, orderNo), [slug, orderNo]);
  return null;
}
