// First-load JavaScript of the payer's pages, gzip, from the production build (.next): the
// framework's root chunks plus each route's own entry chunks (polyfills are nomodule: modern
// browsers skip them). Also checks that no admin-console library (antd) reaches these pages.
// Run after `npm run build`: node bench/payer-js-size.mjs
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const NEXT = path.join(process.cwd(), ".next");
const BUDGET_KB = 110;
const PAGES = ["/f/[slug]/page", "/pay/[orderNo]/page"];
const ADMIN_LIBRARIES = ["node_modules/antd/", "node_modules/@ant-design/", "node_modules/rc-"];

const build = JSON.parse(fs.readFileSync(path.join(NEXT, "build-manifest.json"), "utf8"));

function manifestOf(page) {
  const file = path.join(NEXT, "server", "app", `${page}_client-reference-manifest.js`);
  const context = { globalThis: {} };
  new Function("globalThis", fs.readFileSync(file, "utf8"))(context.globalThis);
  return context.globalThis.__RSC_MANIFEST[page];
}

const gzipKb = (file) => zlib.gzipSync(fs.readFileSync(path.join(NEXT, file)), { level: 9 }).length / 1024;

let over = false;
console.log("| payer page | first-load JS (gzip) | budget | admin libraries |\n|---|---|---|---|");
for (const page of PAGES) {
  const manifest = manifestOf(page);
  const files = new Set(build.rootMainFiles);
  for (const chunks of Object.values(manifest.entryJSFiles)) for (const chunk of chunks) files.add(chunk);
  const totalKb = [...files].reduce((sum, file) => sum + gzipKb(file), 0);
  const admin = Object.keys(manifest.clientModules).filter((m) => ADMIN_LIBRARIES.some((lib) => m.includes(lib)));
  if (totalKb > BUDGET_KB || admin.length) over = true;
  console.log(`| ${page.replace(/\/page$/, "")} | ${totalKb.toFixed(1)} kB (${files.size} files) | ${BUDGET_KB} kB | ${admin.length ? admin.slice(0, 3).join(", ") : "none"} |`);
}
process.exitCode = over ? 1 : 0;
