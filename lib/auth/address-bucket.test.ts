import { describe, expect, test } from "vitest";
import { addressBucket } from "./address-bucket";

describe("addressBucket", () => {
  test.each([
    ["203.0.113.5", "203.0.113.5"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1:2.3.4.5", "fe80:0:0:0::/64"],
    ["unknown", "unknown"],
  ])("%s → %s", (ip, bucket) => {
    expect(addressBucket(ip)).toBe(bucket);
  });

  test("two addresses of one /64 share a bucket, the next /64 does not", () => {
    expect(addressBucket("2001:db8:a:b::1")).toBe(addressBucket("2001:db8:a:b:ffff:ffff:ffff:ffff"));
    expect(addressBucket("2001:db8:a:c::1")).not.toBe(addressBucket("2001:db8:a:b::1"));
  });

  test("a long junk value is cut to a bounded key", () => {
    expect(addressBucket("x".repeat(500))).toHaveLength(64);
  });
});
