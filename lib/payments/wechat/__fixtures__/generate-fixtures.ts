// Writes the TEST-ONLY keys and certificates beside this file. They were generated once and
// committed so the tests are fixed vectors; rerun only to replace them:
//   npx tsx lib/payments/wechat/__fixtures__/generate-fixtures.ts
// None of these keys has ever been registered anywhere; never use them outside tests.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import forge from "node-forge";
import { FIXTURE_SERIALS } from "./keys";

const dir = path.dirname(fileURLToPath(import.meta.url));

function keyPair() {
  return crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

function selfSignedCertificate(key: { publicKey: string; privateKey: string }, serialHex: string, cn: string): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(key.publicKey);
  cert.serialNumber = serialHex;
  cert.validity.notBefore = new Date("2024-01-01T00:00:00Z");
  cert.validity.notAfter = new Date("2049-01-01T00:00:00Z");
  const subject = [
    { shortName: "C", value: "CN" },
    { shortName: "O", value: "TEST ONLY - pay-forms fixtures" },
    { shortName: "CN", value: cn },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(forge.pki.privateKeyFromPem(key.privateKey), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

const write = (name: string, content: string) => fs.writeFileSync(path.join(dir, name), content);

const merchant = keyPair();
write("test-merchant-key.pem", merchant.privateKey);
write("test-merchant-cert.pem", selfSignedCertificate(merchant, FIXTURE_SERIALS.merchantCert, "1900000109 (test)"));

const platformCert = keyPair();
write("test-platform-cert-key.pem", platformCert.privateKey);
write("test-platform-cert.pem", selfSignedCertificate(platformCert, FIXTURE_SERIALS.platformCert, "Wechatpay platform (test)"));

const publicKeyMode = keyPair();
write("test-wechatpay-public-key-private.pem", publicKeyMode.privateKey);
write("test-wechatpay-public-key.pem", publicKeyMode.publicKey);

const rogue = keyPair();
write("test-rogue-key.pem", rogue.privateKey);
