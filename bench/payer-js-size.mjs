// First-load JavaScript of the payer's pages, gzip, from the production build. The form and pay
// pages are plain HTML plus one island bundle each (scripts/build-payer-islands.mjs); Next's
// client runtime is off there (pages/*: unstable_runtimeJS false; e2e/admin-product.spec.ts checks
// that the browser loads nothing else). For scale, the App Router's own root chunks, which every
// App Router page loads before its own code. Also checks that no admin-console library (antd)
// reaches the islands. Run after `npm run build`: node bench/payer-js-size.mjs
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const NEXT = path.join(process.cwd(), ".next");
const BUDGET_KB = 110;
const PAGES = { "/f/[slug]": "form", "/pay/[orderNo]": "pay" };
const ADMIN_LIBRARIES = ["node_modules/antd/", "node_modules/@ant-design/", "node_modules/rc-"];

const { manifest, inputsOf } = JSON.parse(fs.readFileSync(path.join(NEXT, "payer-islands-meta.json"), "utf8"));
const build = JSON.parse(fs.readFileSync(path.join(NEXT, "build-manifest.json"), "utf8"));
const gzipKb = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024;

let over = false;
console.log("| payer page | first-load JS (gzip) | budget | admin libraries |\n|---|---|---|---|");
for (const [page, island] of Object.entries(PAGES)) {
  const totalKb = gzipKb(path.join("public", manifest[island]));
  const admin = inputsOf[island].filter((input) => ADMIN_LIBRARIES.some((lib) => input.includes(lib)));
  if (totalKb > BUDGET_KB || admin.length) over = true;
  console.log(`| ${page} | ${totalKb.toFixed(1)} kB (1 file: ${manifest[island]}) | ${BUDGET_KB} kB | ${admin.length ? admin.slice(0, 3).join(", ") : "none"} |`);
}
const appRouterKb = build.rootMainFiles.reduce((sum, file) => sum + gzipKb(path.join(NEXT, file)), 0);
console.log(`\nFor scale: the App Router's root chunks alone (loaded by every App Router page before its own code): ${appRouterKb.toFixed(1)} kB.`);
process.exitCode = over ? 1 : 0;
