// TEST-ONLY: the adapter against the real emulator, without a server: fetch goes straight into
// the emulator's /sandbox/wechat/v3 route handlers, exactly as Next would call them.
import { ensureEmulatorCredentials, readKeyFile } from "@/lib/emulator/keys";
import * as v3 from "@/app/sandbox/wechat/v3/[...path]/route";
import type { WechatAccount } from "../../types";

export const EMULATOR_BASE_URL = "http://127.0.0.1:3999/sandbox/wechat";

/** The emulator's demo merchant (public-key mode), notifies to notifyUrl. */
export function emulatorAccount(notifyUrl = "http://127.0.0.1:9/api/payment/wechat/notify"): WechatAccount {
  const c = ensureEmulatorCredentials().wechat;
  return {
    provider: "wechat",
    ref: "emulator-test",
    appId: c.appId,
    mchId: c.mchId,
    apiV3Key: c.apiV3Key,
    certSerialNo: c.merchantCertSerial,
    privateKeyPem: readKeyFile(c.merchantKeyPath),
    certPem: readKeyFile(c.merchantCertPath),
    platformPublicKeyPem: readKeyFile(c.publicKeyPath),
    platformPublicKeyId: c.publicKeyId,
    apiBaseUrl: EMULATOR_BASE_URL,
    notifyUrl,
  };
}

/** A fetch that the emulator's route handlers answer; `tamper` may change an answer on its way back. */
export function emulatorFetch(tamper?: (url: string, response: Response) => Promise<Response> | Response): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const response = req.method === "POST" ? await v3.POST(req) : await v3.GET(req);
    return tamper ? tamper(req.url, response) : response;
  }) as typeof fetch;
}
