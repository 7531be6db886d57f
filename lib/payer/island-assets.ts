// Where each payer island's browser bundle is: scripts/build-payer-islands.mjs writes the bundles
// with content-hashed names and a manifest naming them; the pages read that manifest.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export type IslandName = "form" | "pay";

const MANIFEST_FILE = path.join(process.cwd(), "public", "payer-assets", "manifest.json");
const Manifest = z.object({ form: z.string().startsWith("/payer-assets/"), pay: z.string().startsWith("/payer-assets/") });

let cached: z.infer<typeof Manifest> | null = null;

/** The island's script URL; a missing build says how to make it instead of serving a dead page. */
export function islandScriptUrl(name: IslandName): string {
  if (!cached || process.env.NODE_ENV !== "production") {
    let text: string;
    try {
      text = fs.readFileSync(MANIFEST_FILE, "utf8");
    } catch {
      throw new Error(`payer page scripts not built: run "npm run build:islands" (${MANIFEST_FILE} missing)`);
    }
    cached = Manifest.parse(JSON.parse(text));
  }
  return cached[name];
}
