// The emulated WeChat Pay's view of the keys: the demo merchant's certificate (to verify requests),
// the two keys the platform signs with (platform certificate, WeChat Pay public key) and the APIv3 key.
import crypto, { type KeyObject, X509Certificate } from "node:crypto";
import { emulatorCertsDir, ensureEmulatorCredentials, readKeyFile } from "../keys";

export interface PlatformSigningKey {
  /** What goes into Wechatpay-Serial: the platform certificate serial or PUB_KEY_ID_…. */
  serial: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface WechatEmulatorKeys {
  mchId: string;
  appId: string;
  /** 32 ASCII characters; its bytes are the AES-256-GCM key. */
  apiV3Key: string;
  /** The merchant app's AppSecret, checked by the web-authorization token endpoint. */
  appSecret: string;
  merchantCert: X509Certificate;
  /** Upper-case hex; requests may send it in either case. */
  merchantCertSerial: string;
  platformCert: X509Certificate;
  platformCertPem: string;
  certificateMode: PlatformSigningKey;
  publicKeyMode: PlatformSigningKey;
}

let cached: { dir: string; keys: WechatEmulatorKeys } | null = null;

export function wechatKeys(): WechatEmulatorKeys {
  const dir = emulatorCertsDir();
  if (cached?.dir === dir) return cached.keys;
  const c = ensureEmulatorCredentials().wechat;
  const platformCertPem = readKeyFile(c.platformCertPath);
  const platformCert = new X509Certificate(platformCertPem);
  const keys: WechatEmulatorKeys = {
    mchId: c.mchId,
    appId: c.appId,
    apiV3Key: c.apiV3Key,
    appSecret: c.appSecret,
    merchantCert: new X509Certificate(readKeyFile(c.merchantCertPath)),
    merchantCertSerial: c.merchantCertSerial.toUpperCase(),
    platformCert,
    platformCertPem,
    certificateMode: {
      serial: c.platformCertSerial.toUpperCase(),
      privateKey: crypto.createPrivateKey(readKeyFile(c.platformCertKeyPath)),
      publicKey: platformCert.publicKey,
    },
    publicKeyMode: {
      serial: c.publicKeyId,
      privateKey: crypto.createPrivateKey(readKeyFile(c.publicKeyPrivatePath)),
      publicKey: crypto.createPublicKey(readKeyFile(c.publicKeyPath)),
    },
  };
  cached = { dir, keys };
  return keys;
}
