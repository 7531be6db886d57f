"use client";
import { ServerErrorCard } from "@/payer/server-error-card";

// An unexpected error on an App Router page: the shared card, retried by re-rendering.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ServerErrorCard
      retry={
        <button type="button" onClick={() => reset()}>
          重试
        </button>
      }
    />
  );
}
