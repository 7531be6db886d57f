import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { looselyProtectedFiles, securePrivateDir, securePrivateFile } from "./fs-permissions";

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "fs-permissions-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

describe("securePrivateDir", () => {
  test("creates a missing folder (and its parents) with mode 700 whatever the umask", () => {
    const previous = process.umask(0o000);
    try {
      const dir = path.join(root, "a", "data");
      securePrivateDir(dir);
      expect(modeOf(dir)).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });

  test("narrows an existing 755 folder to 700 and leaves its files alone", () => {
    const dir = path.join(root, "data");
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, "app.db"), "");
    securePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
    expect(fs.existsSync(path.join(dir, "app.db"))).toBe(true);
  });
});

describe("securePrivateFile", () => {
  test("narrows a 644 file to 600", () => {
    const file = path.join(root, "app.db");
    fs.writeFileSync(file, "data");
    fs.chmodSync(file, 0o644);
    securePrivateFile(file);
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toBe("data");
  });

  test("a file not created yet is not an error, and is not created", () => {
    const file = path.join(root, "app.db-wal");
    expect(() => securePrivateFile(file)).not.toThrow();
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("looselyProtectedFiles", () => {
  test("lists what group or others can read, skips missing paths", () => {
    const tight = path.join(root, "tight.db");
    const loose = path.join(root, "loose.db");
    const groupOnly = path.join(root, "group.db");
    fs.writeFileSync(tight, "");
    fs.writeFileSync(loose, "");
    fs.writeFileSync(groupOnly, "");
    fs.chmodSync(tight, 0o600);
    fs.chmodSync(loose, 0o644);
    fs.chmodSync(groupOnly, 0o640);
    const folder = path.join(root, "open");
    fs.mkdirSync(folder);
    fs.chmodSync(folder, 0o755);
    expect(looselyProtectedFiles([tight, loose, groupOnly, folder, path.join(root, "missing")])).toEqual([loose, groupOnly, folder]);
  });

  test("after securing, nothing is loose", () => {
    const dir = path.join(root, "data");
    const file = path.join(dir, "app.db");
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.writeFileSync(file, "", { mode: 0o644 });
    securePrivateDir(dir);
    securePrivateFile(file);
    expect(looselyProtectedFiles([dir, file])).toEqual([]);
  });
});
