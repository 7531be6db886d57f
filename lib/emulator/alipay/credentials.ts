// The emulated Alipay's view of the keys: the registered app's public key and certificate (to
// verify requests) and Alipay's own private key (to sign answers, notifies and returns).
import crypto, { type KeyObject, X509Certificate } from "node:crypto";
import { emulatorCertsDir, ensureEmulatorCredentials, readKeyFile } from "../keys";
import { certSn, rootCertSn } from "./cert-sn";

export interface AlipayEmulatorKeys {
  appId: string;
  sellerId: string;
  /** Public-key mode: the app public key the merchant uploaded. */
  appPublicKey: KeyObject;
  /** Certificate mode: the key inside the app's public certificate, and the SNs to expect. */
  appCertPublicKey: KeyObject;
  appCertSn: string;
  alipayRootCertSn: string;
  /** Sent back as alipay_cert_sn to certificate-mode callers. */
  alipayCertSn: string;
  alipayPrivateKey: KeyObject;
  alipayPublicKey: KeyObject;
}

let cached: { dir: string; keys: AlipayEmulatorKeys } | null = null;

export function alipayKeys(): AlipayEmulatorKeys {
  const dir = emulatorCertsDir();
  if (cached?.dir === dir) return cached.keys;
  const c = ensureEmulatorCredentials().alipay;
  const appCert = new X509Certificate(readKeyFile(c.appCertPath));
  const keys: AlipayEmulatorKeys = {
    appId: c.appId,
    sellerId: c.sellerId,
    appPublicKey: crypto.createPublicKey(readKeyFile(c.appPublicKeyPath)),
    appCertPublicKey: appCert.publicKey,
    appCertSn: certSn(readKeyFile(c.appCertPath)),
    alipayRootCertSn: rootCertSn(readKeyFile(c.alipayRootCertPath)),
    alipayCertSn: certSn(readKeyFile(c.alipayPublicCertPath)),
    alipayPrivateKey: crypto.createPrivateKey(readKeyFile(c.alipayPrivateKeyPath)),
    alipayPublicKey: crypto.createPublicKey(readKeyFile(c.alipayPublicKeyPath)),
  };
  cached = { dir, keys };
  return keys;
}
