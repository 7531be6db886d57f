import { describe, expect, test } from "vitest";
import { isUniqueViolation } from "./unique-violation";

const wrapped = (cause: Error) => new Error("Failed query: insert into forms …", { cause });
const pgError = (constraint: string) => Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505", constraint });

describe("isUniqueViolation", () => {
  test("finds SQLite's message through drizzle's wrapper", () => {
    expect(isUniqueViolation(wrapped(new Error("UNIQUE constraint failed: forms.slug")), "forms", "slug")).toBe(true);
  });

  test("finds PostgreSQL's 23505 on the column's constraint", () => {
    expect(isUniqueViolation(wrapped(pgError("forms_slug_unique")), "forms", "slug")).toBe(true);
  });

  test("another column, another code or another error is not it", () => {
    expect(isUniqueViolation(wrapped(new Error("UNIQUE constraint failed: payment_orders.order_no")), "forms", "slug")).toBe(false);
    expect(isUniqueViolation(wrapped(pgError("payment_orders_order_no_unique")), "forms", "slug")).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error("x"), { code: "23503", constraint: "forms_slug_unique" }), "forms", "slug")).toBe(false);
    expect(isUniqueViolation("UNIQUE constraint failed: forms.slug", "forms", "slug")).toBe(false);
  });
});
