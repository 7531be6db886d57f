// downloadWechatBill's own checks, on answers the emulator never gives: a verified tradebill
// answer whose link leaves the API host (our signature must not go there), and a malformed answer.
import { describe, expect, test } from "vitest";
import { PaymentPlatformError } from "../types";
import type { WechatApi } from "./api";
import { downloadWechatBill } from "./bill";

function apiAnswering(tradeBillAnswer: unknown, downloads: string[]): WechatApi {
  return {
    tradeBill: async () => tradeBillAnswer,
    downloadFile: async (url: string) => {
      downloads.push(url);
      return { status: 200, headers: new Headers(), body: new Uint8Array() };
    },
  } as unknown as WechatApi;
}

async function unavailableCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PaymentPlatformError);
  expect((error as PaymentPlatformError).kind).toBe("unavailable");
  return (error as PaymentPlatformError).platformCode;
}

describe("downloadWechatBill", () => {
  test.each(["https://evil.example/v3/billdownload/file?token=x", "http://api.mch.weixin.qq.com/v3/billdownload/file?token=x", "https://api.mch.weixin.qq.com.evil.example/v3/billdownload/file"])(
    "never follows a link off the API host: %s",
    async (download_url) => {
      const downloads: string[] = [];
      const api = apiAnswering({ hash_type: "SHA1", hash_value: "a".repeat(40), download_url }, downloads);
      expect(await unavailableCode(downloadWechatBill(api, "2026-11-21"))).toBe("UNEXPECTED_DOWNLOAD_URL");
      expect(downloads).toEqual([]);
    },
  );

  test("an answer without hash_value is malformed", async () => {
    const api = apiAnswering({ hash_type: "SHA1", download_url: "https://api.mch.weixin.qq.com/v3/billdownload/file?token=x" }, []);
    expect(await unavailableCode(downloadWechatBill(api, "2026-11-21"))).toBe("MALFORMED_RESPONSE");
  });
});
