import { describe, expect, it } from "vitest";
import { roleMayCall } from "./roles";

describe("roleMayCall", () => {
  it("lets 管理员 do everything", () => {
    expect(roleMayCall("admin", "POST", "/api/admin/orders/1/refunds")).toBe(true);
    expect(roleMayCall("admin", "GET", "/api/admin/accounts")).toBe(true);
  });
  it("keeps 查看者 to reads, and away from accounts, admins, audit, channels and exports", () => {
    expect(roleMayCall("viewer", "GET", "/api/admin/orders")).toBe(true);
    expect(roleMayCall("viewer", "GET", "/api/admin/dashboard")).toBe(true);
    expect(roleMayCall("viewer", "POST", "/api/admin/orders/P1/refunds")).toBe(false);
    expect(roleMayCall("viewer", "POST", "/api/admin/orders/P1/close")).toBe(false);
    expect(roleMayCall("viewer", "PUT", "/api/admin/forms/3")).toBe(false);
    expect(roleMayCall("viewer", "GET", "/api/admin/accounts")).toBe(false);
    expect(roleMayCall("viewer", "GET", "/api/admin/accounts/2")).toBe(false);
    expect(roleMayCall("viewer", "GET", "/api/admin/orders/export")).toBe(false);
    expect(roleMayCall("viewer", "GET", "/api/admin/forms/3/submissions/export")).toBe(false);
    expect(roleMayCall("viewer", "GET", "/api/admin/audit")).toBe(false);
  });
  it("lets 查看者 sign out and change their own password", () => {
    expect(roleMayCall("viewer", "POST", "/api/admin/logout")).toBe(true);
    expect(roleMayCall("viewer", "POST", "/api/admin/me/password")).toBe(true);
  });
});
