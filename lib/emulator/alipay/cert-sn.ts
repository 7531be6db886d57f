// Certificate serial "SN"s as Alipay computes them for app_cert_sn / alipay_root_cert_sn /
// alipay_cert_sn: md5 hex of the issuer DN (attributes in reverse order, "CN=…,OU=…,O=…,C=…")
// followed by the serial number in decimal. Same rule as alipay-sdk's antcertutil.
import crypto, { X509Certificate } from "node:crypto";

export function certSn(pem: string | Buffer): string {
  return snOf(new X509Certificate(pem));
}

/**
 * The root bundle's SN: the SNs of its RSA-signed certificates joined by "_" (Alipay's bundle
 * also holds an SM2 root, which is skipped). Our roots are self-signed, so an RSA key means an
 * RSA signature; node:crypto does not expose the signature algorithm on Node 20.
 */
export function rootCertSn(bundlePem: string): string {
  const blocks = bundlePem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks
    .map((block) => new X509Certificate(block))
    .filter((cert) => cert.publicKey.asymmetricKeyType === "rsa")
    .map(snOf)
    .join("_");
}

function snOf(cert: X509Certificate): string {
  // X509Certificate.issuer lists the attributes one per line, most significant (C=…) first.
  const issuer = cert.issuer.split("\n").reverse().join(",");
  const serial = BigInt(`0x${cert.serialNumber}`).toString(10);
  return crypto.createHash("md5").update(issuer + serial, "utf8").digest("hex");
}
