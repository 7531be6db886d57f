// Bundles the payer pages' islands (payer/islands/*.tsx) for the browser with esbuild: React and
// the page's own code, nothing of Next. Output: public/payer-assets/{name}-{hash}.js and a
// manifest.json that the pages read (lib/payer/island-assets.ts); the bundle's inputs go to
// .next/payer-islands-meta.json for bench/payer-js-size.mjs. Run by `npm run build`.
import fs from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";

const OUT_DIR = path.join("public", "payer-assets");
const ENTRIES = { form: "payer/islands/form.tsx", pay: "payer/islands/pay.tsx" };

fs.rmSync(OUT_DIR, { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints: ENTRIES,
  outdir: OUT_DIR,
  entryNames: "[name]-[hash]",
  bundle: true,
  minify: true,
  format: "iife",
  // WeChat's and phones' browsers of a few years back.
  target: ["es2018", "safari12", "chrome64"],
  jsx: "automatic",
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});

const manifest = {};
const inputsOf = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const name = Object.entries(ENTRIES).find(([, entry]) => entry === output.entryPoint)?.[0];
  if (!name) continue;
  manifest[name] = `/${path.relative("public", file).split(path.sep).join("/")}`;
  inputsOf[name] = Object.keys(output.inputs);
}
fs.writeFileSync(path.join(OUT_DIR, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
fs.mkdirSync(".next", { recursive: true });
fs.writeFileSync(path.join(".next", "payer-islands-meta.json"), JSON.stringify({ manifest, inputsOf }, null, 2) + "\n");
console.log(`payer islands: ${Object.values(manifest).join(", ")}`);
