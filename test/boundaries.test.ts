// The emulator is the platforms' side: it imports nothing of the merchant's. The merchant side
// learns that the emulator exists only where the app is assembled (lib/startup.ts). Pages and
// route handlers reach data only through lib/. Checked over the source tree, so a new import
// that crosses a line fails here.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const ROOT = path.resolve(__dirname, "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  // Type-only imports carry no code (a page may name a row's type); everything else counts.
  return [...text.matchAll(/(?:import(?!\s+type\b)|export)[^"';]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]);
}

test("the emulator imports nothing of the merchant side", () => {
  const offenders = sourceFiles("lib/emulator").flatMap((file) =>
    importsOf(file)
      .filter((spec) => spec.startsWith("@/") && !spec.startsWith("@/lib/emulator") && spec !== "@/lib/emulator-switch")
      .map((spec) => `${file} → ${spec}`),
  );
  expect(offenders).toEqual([]);
});

test("outside the emulator's own folders, only lib/startup.ts imports it", () => {
  const merchantSide = [...sourceFiles("lib"), ...sourceFiles("app"), ...sourceFiles("pages"), ...sourceFiles("payer"), ...sourceFiles("db")].filter(
    (file) => !file.startsWith("lib/emulator/") && !file.startsWith("app/sandbox/") && !file.includes("__fixtures__") && file !== "lib/startup.ts",
  );
  const offenders = merchantSide.flatMap((file) => importsOf(file).filter((spec) => /^@\/lib\/emulator(\/|$)/.test(spec)).map((spec) => `${file} → ${spec}`));
  expect(offenders).toEqual([]);
});

test("pages and route handlers reach data only through lib/", () => {
  const offenders = [...sourceFiles("app"), ...sourceFiles("pages"), ...sourceFiles("payer")].flatMap((file) => importsOf(file).filter((spec) => spec.startsWith("@/db")).map((spec) => `${file} → ${spec}`));
  expect(offenders).toEqual([]);
});

test("the payer islands' code needs nothing of Next (it is bundled for the browser without it)", () => {
  const islandCode = [...sourceFiles("payer/form"), ...sourceFiles("payer/pay"), ...sourceFiles("payer/islands"), "payer/open-in-browser.tsx"];
  const offenders = islandCode.flatMap((file) => importsOf(file).filter((spec) => spec === "next" || spec.startsWith("next/")).map((spec) => `${file} → ${spec}`));
  expect(offenders).toEqual([]);
});
