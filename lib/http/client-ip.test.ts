import { describe, expect, test } from "vitest";
import { clientIpFrom, forwardedForEntries, normaliseAddress } from "./client-ip";

describe("clientIpFrom", () => {
  test.each([
    // [label, X-Forwarded-For as the route sees it, TRUST_PROXY, client]
    ["direct: the socket's address (the edge hook made it the only entry)", "203.0.113.9", 0, "203.0.113.9"],
    ["direct, even if a chain got through", "1.1.1.1, 203.0.113.9", 0, "203.0.113.9"],
    ["one proxy: the address it appended", "198.51.100.7", 1, "198.51.100.7"],
    ["one proxy: a forged entry before it is ignored", "6.6.6.6, 198.51.100.7", 1, "198.51.100.7"],
    ["two proxies: the second from the right", "6.6.6.6, 198.51.100.7, 10.0.0.2", 2, "198.51.100.7"],
    ["a shorter chain than promised: its leftmost", "198.51.100.7", 3, "198.51.100.7"],
    ["IPv4-mapped IPv6", "::ffff:127.0.0.1", 0, "127.0.0.1"],
    ["IPv6", "2001:DB8::1", 0, "2001:db8::1"],
    ["empty entries are skipped", "198.51.100.7, ,", 1, "198.51.100.7"],
  ])("%s", (_label, header, trustProxy, expected) => {
    expect(clientIpFrom(header, trustProxy)).toBe(expected);
  });

  test("no header at all is 'unknown' (never under next start)", () => {
    expect(clientIpFrom(null, 0)).toBe("unknown");
    expect(clientIpFrom(" , ", 1)).toBe("unknown");
  });
});

describe("addresses", () => {
  test.each([
    ["1.2.3.4:5678", "1.2.3.4"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[::1]", "::1"],
    [" ::FFFF:10.0.0.1 ", "10.0.0.1"],
    ["2001:db8::1", "2001:db8::1"],
  ])("%s → %s", (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });

  test("entries keep their order", () => {
    expect(forwardedForEntries("a, b,c")).toEqual(["a", "b", "c"]);
  });
});
