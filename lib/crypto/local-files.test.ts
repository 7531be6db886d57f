import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { localFilesFolder } from "./local-files";

const saved = process.env.DATABASE_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
});

test("beside the SQLite file, whichever way it is named", () => {
  process.env.DATABASE_URL = "/srv/forms/app.db";
  expect(localFilesFolder()).toBe("/srv/forms");
  process.env.DATABASE_URL = "file:/srv/other/app.db";
  expect(localFilesFolder()).toBe("/srv/other");
});

test("data/ for an in-memory database or a PostgreSQL server, never a folder made of the URL", () => {
  process.env.DATABASE_URL = ":memory:";
  expect(localFilesFolder()).toBe(path.resolve("data"));
  expect(localFilesFolder("postgres://app:secret@db.internal:5432/forms")).toBe(path.resolve("data"));
});
