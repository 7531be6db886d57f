// A second app instance for multi-instance tests: the real route handlers (test/harness.ts) in
// their own Node process, on the database the parent names, answering the parent over IPC:
// "sweep" runs one sweep round here; "watch" forwards this process's order-change events.
import { startHarness } from "./harness";

type Command =
  | { id: number; cmd: "sweep"; now: number }
  | { id: number; cmd: "watch" }
  | { id: number; cmd: "crash_mid_create"; formSlug: string; answers: Record<string, unknown>; amountFen: number }
  | { id: number; cmd: "close" };

const send = (message: unknown) => process.send!(message);

async function main() {
  const harness = await startHarness({ databaseUrl: process.env.INSTANCE_DATABASE_URL!, env: JSON.parse(process.env.INSTANCE_ENV ?? "{}") });

  process.on("message", (message: Command) => {
  void (async () => {
    try {
      if (message.cmd === "sweep") {
        const { sweepRound } = await import("@/lib/payments/sweep");
        send({ id: message.id, result: await sweepRound(message.now) });
      } else if (message.cmd === "watch") {
        const { onOrderChange } = await import("@/lib/payments/order-events");
        onOrderChange((change) => send({ event: change }));
        send({ id: message.id, result: true });
      } else if (message.cmd === "crash_mid_create") {
        // The first steps of order creation's one transaction, then the process dies (kill -9)
        // before the order is inserted and before the commit.
        const { transaction } = await import("@/db/client");
        const { openFormBySlug } = await import("@/lib/forms/public-form");
        const { insertAnswers } = await import("@/lib/forms/store-submission");
        const { holdSubmissionStock } = await import("@/lib/forms/stock");
        const form = await openFormBySlug(message.formSlug);
        await transaction(async (tx) => {
          const now = Date.now();
          const submission = await insertAnswers(tx, { form, answers: message.answers, amountFen: message.amountFen, now });
          await holdSubmissionStock(tx, form, submission.id, now + 15 * 60_000, now);
          process.kill(process.pid, "SIGKILL");
        });
      } else {
        await harness.close();
        send({ id: message.id, result: true });
        process.exit(0);
      }
    } catch (error) {
      send({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});

  send({ ready: harness.baseUrl });
}

void main();
