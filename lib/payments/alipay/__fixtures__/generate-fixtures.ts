// Writes the TEST-ONLY keys and certificates beside this file. They were generated once and
// committed so the tests are fixed vectors; rerun only to replace them (and update the vectors):
//   npx tsx lib/payments/alipay/__fixtures__/generate-fixtures.ts
// None of these keys has ever been registered with Alipay; never use them outside tests.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import forge from "node-forge";

const dir = path.dirname(fileURLToPath(import.meta.url));
const write = (name: string, content: string) => fs.writeFileSync(path.join(dir, name), content);

function keyPair() {
  return crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

type Pair = ReturnType<typeof keyPair>;
type Name = { shortName: string; value: string }[];

function certificate(subjectKey: Pair, subject: Name, issuerKey: Pair, issuer: Name, serialHex: string, ca: boolean) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(subjectKey.publicKey);
  cert.serialNumber = serialHex;
  cert.validity.notBefore = new Date("2024-01-01T00:00:00Z");
  cert.validity.notAfter = new Date("2049-01-01T00:00:00Z");
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions([{ name: "basicConstraints", cA: ca }]);
  cert.sign(forge.pki.privateKeyFromPem(issuerKey.privateKey), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

const name = (cn: string): Name => [
  { shortName: "C", value: "CN" },
  { shortName: "O", value: "TEST ONLY - pay-forms fixtures" },
  { shortName: "OU", value: "Alipay adapter tests" },
  { shortName: "CN", value: cn },
];

// The app key is kept as PKCS#1 ("BEGIN RSA PRIVATE KEY"), the format Alipay's key tool writes.
const app = keyPair();
const appPkcs1 = crypto.createPrivateKey(app.privateKey).export({ type: "pkcs1", format: "pem" }).toString();
write("test-app-private.pem", appPkcs1);
write("test-app-public.pem", app.publicKey);

const alipay = keyPair();
write("test-alipay-private.pem", alipay.privateKey);
write("test-alipay-public.pem", alipay.publicKey);

const rogue = keyPair();
write("test-rogue-private.pem", rogue.privateKey);

// Certificate mode: a root CA (its key is thrown away) issuing the Alipay public cert and the app cert.
const root = keyPair();
const rootName = name("Test Alipay Root CA");
write("test-alipay-root-cert.pem", certificate(root, rootName, root, rootName, "0a1b2c3d4e5f", true));
write("test-alipay-public-cert.pem", certificate(alipay, name("Test Alipay public key"), root, rootName, "2c0ffee1", false));
write("test-app-cert.pem", certificate(app, name("2021000000000001 (test app)"), root, rootName, "1dea5eed", false));
