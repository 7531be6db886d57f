// npm run admin:create -- <username>
// Creates an admin (or resets their password). The password comes from ADMIN_PASSWORD, or is
// asked for on the terminal without echo. Run with --conditions=react-server so the
// "server-only" marker the lib modules import resolves to its empty server build.
import fs from "node:fs";
import readline from "node:readline";

async function askPassword(prompt: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let muted = false;
  out._writeToOutput = (s: string) => {
    if (!muted) process.stdout.write(s);
  };
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

async function main() {
  const username = process.argv[2];
  if (!username) {
    console.error("usage: npm run admin:create -- <username>   (password from ADMIN_PASSWORD or typed)");
    process.exit(2);
  }
  // Same settings as the server (DATABASE_URL...), which Next reads from .env.local.
  if (fs.existsSync(".env.local")) process.loadEnvFile(".env.local");
  const { passwordProblem, upsertAdmin, usernameProblem } = await import("../lib/auth/first-admin");
  const nameProblem = usernameProblem(username);
  if (nameProblem) {
    console.error(nameProblem);
    process.exit(2);
  }
  let password = process.env.ADMIN_PASSWORD ?? "";
  if (!password) {
    if (!process.stdin.isTTY) {
      console.error("no terminal to ask for a password: set ADMIN_PASSWORD");
      process.exit(2);
    }
    password = await askPassword(`password for ${username}: `);
    const again = await askPassword("again: ");
    if (password !== again) {
      console.error("the two passwords differ");
      process.exit(2);
    }
  }
  const problem = passwordProblem(password);
  if (problem) {
    console.error(problem);
    process.exit(2);
  }
  const { closeDb } = await import("../db/client");
  try {
    const outcome = await upsertAdmin(username, password);
    console.log(outcome === "created" ? `admin "${username}" created` : `password of "${username}" changed`);
  } finally {
    await closeDb(); // a PostgreSQL pool would otherwise keep the process alive
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
