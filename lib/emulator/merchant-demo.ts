// The demo merchant the emulator generated keys for, in plain values, for the app's assembly to
// hand to the merchant side (lib/accounts/emulated.ts). The emulator imports nothing of the
// merchant side; this only reads its own credentials.
import { ensureEmulatorCredentials, readKeyFile } from "./keys";

/** serverBaseUrl: where this app (and so the emulator) is served, read when asked (settings may be reloaded). */
export function emulatorDemoMerchant(serverBaseUrl: () => string) {
  return {
    wechat() {
      const c = ensureEmulatorCredentials().wechat;
      return {
        appId: c.appId,
        mchId: c.mchId,
        apiV3Key: c.apiV3Key,
        certSerialNo: c.merchantCertSerial,
        privateKeyPem: readKeyFile(c.merchantKeyPath),
        certPem: readKeyFile(c.merchantCertPath),
        platformPublicKeyPem: readKeyFile(c.publicKeyPath),
        platformPublicKeyId: c.publicKeyId,
        appSecret: c.appSecret,
        apiBaseUrl: `${serverBaseUrl()}/sandbox/wechat`,
        oauthAuthorizeUrl: `${serverBaseUrl()}/sandbox/wechat/connect/oauth2/authorize`,
        oauthTokenUrl: `${serverBaseUrl()}/sandbox/wechat/sns/oauth2/access_token`,
      };
    },
    alipay() {
      const c = ensureEmulatorCredentials().alipay;
      return {
        appId: c.appId,
        sellerId: c.sellerId,
        privateKeyPem: readKeyFile(c.appPrivateKeyPath),
        alipayPublicKeyPem: readKeyFile(c.alipayPublicKeyPath),
        gatewayUrl: `${serverBaseUrl()}/sandbox/alipay/gateway.do`,
      };
    },
    walletUrl: (codeUrl: string) => `/sandbox/wechat/wallet?code_url=${encodeURIComponent(codeUrl)}`,
    jsBridgeScriptUrl: "/sandbox/wechat/jsbridge.js",
  };
}
