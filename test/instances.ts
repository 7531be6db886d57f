// Starts another app instance (test/instance-child.ts) in its own Node process on the same
// database, for tests of what several instances share.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface Instance {
  baseUrl: string;
  /** Runs one sweep round in that process; answers how many orders it asked about. */
  sweep(now: number): Promise<number>;
  /** Starts forwarding that process's order-change events to onEvent. */
  watch(onEvent: (change: { orderNo: string; status: string }) => void): Promise<void>;
  /** Dies (SIGKILL) inside order creation's transaction, after the submission and its hold, before the order. */
  crashMidCreate(formSlug: string, answers: Record<string, unknown>, amountFen: number): Promise<void>;
  close(): Promise<void>;
}

export async function startInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<Instance> {
  const child: ChildProcess = fork(path.join(__dirname, "instance-child.ts"), [], {
    execArgv: ["--import", "tsx", "--conditions=react-server"],
    env: { ...process.env, INSTANCE_DATABASE_URL: databaseUrl, INSTANCE_ENV: JSON.stringify(env) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners: ((change: { orderNo: string; status: string }) => void)[] = [];
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`instance exited with ${code}`)));
    child.on("message", (message: { ready?: string; id?: number; result?: unknown; error?: string; event?: { orderNo: string; status: string } }) => {
      if (message.ready) resolve(message.ready);
      else if (message.event) for (const l of listeners) l(message.event);
      else if (message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.result);
      }
    });
  });
  const call = (message: Record<string, unknown>) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...message, id });
    });
  return {
    baseUrl,
    sweep: async (now) => (await call({ cmd: "sweep", now })) as number,
    watch: async (onEvent) => {
      listeners.push(onEvent);
      await call({ cmd: "watch" });
    },
    crashMidCreate: async (formSlug, answers, amountFen) => {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      void call({ cmd: "crash_mid_create", formSlug, answers, amountFen }).catch(() => undefined);
      await exited;
    },
    close: async () => {
      await call({ cmd: "close" }).catch(() => undefined);
      if (child.exitCode === null) child.kill();
    },
  };
}
