// The emulated platforms' keys and the demo merchant's credentials, generated on first start into
// certs/emulator/ (mode 700, key files 600). Both sides of each protocol get real RSA keys and
// real X.509 certificates, so signing and verification run exactly as against the platforms.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import forge from "node-forge";

export interface EmulatorWechatCredentials {
  mchId: string;
  appId: string;
  apiV3Key: string;
  /** The official account's AppSecret (32 hex), for web authorization's token exchange. */
  appSecret: string;
  /** Merchant API key and certificate (the merchant's side). */
  merchantKeyPath: string;
  merchantCertPath: string;
  merchantCertSerial: string;
  /** Platform certificate mode: the key the platform signs with and its certificate. */
  platformCertKeyPath: string;
  platformCertPath: string;
  platformCertSerial: string;
  /** Public-key mode: the WeChat Pay public key, its private half, and its id. */
  publicKeyPrivatePath: string;
  publicKeyPath: string;
  publicKeyId: string;
}

export interface EmulatorAlipayCredentials {
  appId: string;
  sellerId: string;
  /** The app's key pair (the merchant's side) and, for certificate mode, its certificate. */
  appPrivateKeyPath: string;
  appPublicKeyPath: string;
  appCertPath: string;
  /** Alipay's key pair (the platform's side) and its certificate. */
  alipayPrivateKeyPath: string;
  alipayPublicKeyPath: string;
  alipayPublicCertPath: string;
  /** The root CA that issued both certificates. */
  alipayRootCertPath: string;
}

export interface EmulatorCredentials {
  wechat: EmulatorWechatCredentials;
  alipay: EmulatorAlipayCredentials;
}

export function emulatorCertsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.EMULATOR_CERTS_DIR || path.join("certs", "emulator"));
}

let cached: { dir: string; credentials: EmulatorCredentials } | null = null;

/** Reads the credentials, generating them first if this machine has none. Synchronous: runs at start. */
export function ensureEmulatorCredentials(): EmulatorCredentials {
  const dir = emulatorCertsDir();
  if (cached?.dir === dir) return cached.credentials;
  const file = path.join(dir, "credentials.json");
  if (!fs.existsSync(file)) generateInto(dir);
  const credentials = JSON.parse(fs.readFileSync(file, "utf8")) as EmulatorCredentials;
  if (!credentials.wechat.appSecret) addAppSecret(file, credentials);
  cached = { dir, credentials };
  return credentials;
}

export function readKeyFile(filePath: string): string {
  return fs.readFileSync(filePath, "utf8");
}

function generateInto(dir: string): void {
  // Build in a temporary sibling and rename, so two processes starting at once cannot leave
  // a half-written set (the loser's rename fails and it reads the winner's).
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
  const tmp = `${dir}.tmp-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  fs.mkdirSync(tmp, { recursive: true, mode: 0o700 });
  const write = (name: string, content: string) => {
    fs.writeFileSync(path.join(tmp, name), content, { mode: 0o600 });
    return path.join(dir, name);
  };

  const merchantKey = rsaKeyPair();
  const merchantCert = certificate({
    subjectCn: "1900000109",
    subjectOu: "Emulated Merchant",
    key: merchantKey,
    issuer: null,
  });
  const platformCertKey = rsaKeyPair();
  const platformCert = certificate({
    subjectCn: "Tenpay.com Root CA (emulated)",
    subjectOu: "Wechatpay Platform",
    key: platformCertKey,
    issuer: null,
  });
  const publicKeyPair = rsaKeyPair();

  const rootKey = rsaKeyPair();
  const rootCert = certificate({ subjectCn: "Ant Financial Certification Authority R1 (emulated)", subjectOu: "Certification Authority", key: rootKey, issuer: null, ca: true });
  const appKey = rsaKeyPair();
  const appCert = certificate({ subjectCn: "2021000000000001", subjectOu: "Alipay Open Platform", key: appKey, issuer: { cert: rootCert, key: rootKey } });
  const alipayKey = rsaKeyPair();
  const alipayCert = certificate({ subjectCn: "Alipay Emulated Platform 2088000000000001", subjectOu: "Alipay Open Platform", key: alipayKey, issuer: { cert: rootCert, key: rootKey } });

  const wechat: EmulatorWechatCredentials = {
    mchId: "1900000109",
    appId: "wxd678efh567hg6787",
    apiV3Key: randomAlnum(32),
    appSecret: newAppSecret(),
    merchantKeyPath: write("wechat-merchant-key.pem", merchantKey.privateKey),
    merchantCertPath: write("wechat-merchant-cert.pem", merchantCert.pem),
    merchantCertSerial: merchantCert.serialHex,
    platformCertKeyPath: write("wechat-platform-cert-key.pem", platformCertKey.privateKey),
    platformCertPath: write("wechat-platform-cert.pem", platformCert.pem),
    platformCertSerial: platformCert.serialHex,
    publicKeyPrivatePath: write("wechat-public-key-private.pem", publicKeyPair.privateKey),
    publicKeyPath: write("wechat-public-key.pem", publicKeyPair.publicKey),
    publicKeyId: `PUB_KEY_ID_01${crypto.randomInt(10 ** 9, 10 ** 10 - 1)}${crypto.randomInt(10 ** 9, 10 ** 10 - 1)}00000000000000000`,
  };
  const alipay: EmulatorAlipayCredentials = {
    appId: "2021000000000001",
    sellerId: "2088000000000001",
    appPrivateKeyPath: write("alipay-app-private-key.pem", appKey.privateKey),
    appPublicKeyPath: write("alipay-app-public-key.pem", appKey.publicKey),
    appCertPath: write("alipay-app-cert.pem", appCert.pem),
    alipayPrivateKeyPath: write("alipay-platform-private-key.pem", alipayKey.privateKey),
    alipayPublicKeyPath: write("alipay-platform-public-key.pem", alipayKey.publicKey),
    alipayPublicCertPath: write("alipay-platform-cert.pem", alipayCert.pem),
    alipayRootCertPath: write("alipay-root-cert.pem", rootCert.pem),
  };
  write("credentials.json", JSON.stringify({ wechat, alipay }, null, 2));
  try {
    fs.renameSync(tmp, dir);
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, "credentials.json"))) throw error;
  }
}

const newAppSecret = () => crypto.randomBytes(16).toString("hex");

/** Credentials made before web authorization existed get an AppSecret once (write then rename). */
function addAppSecret(file: string, credentials: EmulatorCredentials): void {
  credentials.wechat.appSecret = newAppSecret();
  const tmp = `${file}.tmp-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  fs.writeFileSync(tmp, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
  // Two processes racing both write a secret; keep whichever file won so both agree.
  Object.assign(credentials, JSON.parse(fs.readFileSync(file, "utf8")));
}

interface KeyPair {
  privateKey: string;
  publicKey: string;
}

function rsaKeyPair(): KeyPair {
  return crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

function randomAlnum(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from({ length }, () => alphabet[crypto.randomInt(alphabet.length)]).join("");
}

interface CertificateSpec {
  subjectCn: string;
  subjectOu: string;
  key: KeyPair;
  issuer: { cert: { pem: string }; key: KeyPair } | null;
  ca?: boolean;
}

// node:crypto parses certificates but cannot issue them; node-forge does that part.
function certificate(spec: CertificateSpec): { pem: string; serialHex: string } {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(spec.key.publicKey);
  // 20 bytes with the top bit clear: a positive serial of 40 hex digits, as WeChat's are.
  const serial = crypto.randomBytes(20);
  serial[0] = (serial[0] & 0x7f) | 0x10;
  const serialHex = serial.toString("hex").toUpperCase();
  cert.serialNumber = serialHex;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000);
  const subject = [
    { shortName: "C", value: "CN" },
    { shortName: "O", value: "Emulated Payment Platform" },
    { shortName: "OU", value: spec.subjectOu },
    { shortName: "CN", value: spec.subjectCn },
  ];
  cert.setSubject(subject);
  if (spec.issuer) {
    const issuerCert = forge.pki.certificateFromPem(spec.issuer.cert.pem);
    cert.setIssuer(issuerCert.subject.attributes);
  } else {
    cert.setIssuer(subject);
  }
  cert.setExtensions([
    { name: "basicConstraints", cA: spec.ca === true },
    { name: "keyUsage", digitalSignature: true, keyCertSign: spec.ca === true, cRLSign: spec.ca === true },
  ]);
  const signingKey = forge.pki.privateKeyFromPem((spec.issuer?.key ?? spec.key).privateKey);
  cert.sign(signingKey, forge.md.sha256.create());
  return { pem: forge.pki.certificateToPem(cert), serialHex };
}
