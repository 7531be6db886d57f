import crypto, { type KeyObject } from "node:crypto";
import { describe, expect, test, vi } from "vitest";
import { fixtureKeys, FIXTURE_SERIALS } from "./__fixtures__/keys";
import { platformSignatureHeaders } from "./__fixtures__/platform";
import {
  createPlatformKeyStore,
  createSignatureVerifier,
  SignatureError,
  type PlatformKeyStore,
  type SignatureFailure,
} from "./verify";

const keys = fixtureKeys();
const NOW_MS = Date.UTC(2026, 10, 22, 7, 29, 35); // 2026-11-22T15:29:35+08:00
const NOW_S = NOW_MS / 1000;
const BODY = '{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}';

const publicKeySigner = { privateKeyPem: keys.publicKeyPrivatePem, serial: FIXTURE_SERIALS.publicKeyId };
const certSigner = { privateKeyPem: keys.platformCertKeyPem, serial: FIXTURE_SERIALS.platformCert };
const publicKey = { id: FIXTURE_SERIALS.publicKeyId, key: crypto.createPublicKey(keys.publicKeyPem) };
const certificateKey = new crypto.X509Certificate(keys.platformCertPem).publicKey;

function publicKeyModeVerifier(now = NOW_MS) {
  const downloadCertificates = vi.fn(async () => new Map<string, KeyObject>());
  const store = createPlatformKeyStore({ publicKey, downloadCertificates, now: () => now });
  return { verifier: createSignatureVerifier(store, () => now), downloadCertificates };
}

async function failure(promise: Promise<unknown>): Promise<SignatureFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignatureError);
  return (error as SignatureError).code;
}

describe("signature verification (public-key mode)", () => {
  test("accepts the platform's signature over timestamp\\nnonce\\nbody\\n", async () => {
    const headers = new Headers(platformSignatureHeaders(BODY, publicKeySigner, { timestamp: NOW_S }));
    await expect(publicKeyModeVerifier().verifier.verify(headers, BODY)).resolves.toBeUndefined();
  });

  test("matches a signature made independently with node:crypto over the documented message", async () => {
    const message = `${NOW_S}\nfixed-nonce-0001\n${BODY}\n`;
    const signature = crypto.createSign("RSA-SHA256").update(message).sign(keys.publicKeyPrivatePem, "base64");
    const headers = new Headers({
      "Wechatpay-Timestamp": String(NOW_S),
      "Wechatpay-Nonce": "fixed-nonce-0001",
      "Wechatpay-Signature": signature,
      "Wechatpay-Serial": FIXTURE_SERIALS.publicKeyId,
    });
    await expect(publicKeyModeVerifier().verifier.verify(headers, BODY)).resolves.toBeUndefined();
  });

  test("verifies an empty body (a signed 204) and raw bytes exactly as received", async () => {
    const { verifier } = publicKeyModeVerifier();
    await expect(verifier.verify(new Headers(platformSignatureHeaders("", publicKeySigner, { timestamp: NOW_S })), "")).resolves.toBeUndefined();
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BODY)]); // a BOM that text() would drop
    const headers = new Headers(platformSignatureHeaders(bytes, publicKeySigner, { timestamp: NOW_S }));
    await expect(verifier.verify(headers, bytes)).resolves.toBeUndefined();
    expect(await failure(verifier.verify(headers, BODY))).toBe("SIGN_ERROR");
  });

  test("rejects a flipped body byte", async () => {
    const headers = new Headers(platformSignatureHeaders(BODY, publicKeySigner, { timestamp: NOW_S }));
    const tampered = BODY.replace("JyC91EIz1", "JyC91EIz2");
    expect(await failure(publicKeyModeVerifier().verifier.verify(headers, tampered))).toBe("SIGN_ERROR");
  });

  test("rejects a signature by another key under the right serial", async () => {
    const headers = new Headers(
      platformSignatureHeaders(BODY, { privateKeyPem: keys.rogueKeyPem, serial: FIXTURE_SERIALS.publicKeyId }, { timestamp: NOW_S }),
    );
    expect(await failure(publicKeyModeVerifier().verifier.verify(headers, BODY))).toBe("SIGN_ERROR");
  });

  test("rejects a WECHATPAY/SIGNTEST/ probe", async () => {
    const headers = new Headers(
      platformSignatureHeaders(BODY, publicKeySigner, { timestamp: NOW_S, signature: "WECHATPAY/SIGNTEST/dGVzdA==" }),
    );
    expect(await failure(publicKeyModeVerifier().verifier.verify(headers, BODY))).toBe("SIGN_ERROR");
  });

  test("rejects another PUB_KEY_ID without downloading certificates", async () => {
    const { verifier, downloadCertificates } = publicKeyModeVerifier();
    const headers = new Headers(
      platformSignatureHeaders(BODY, { ...publicKeySigner, serial: "PUB_KEY_ID_0119000001092025010100000000000002" }, { timestamp: NOW_S }),
    );
    expect(await failure(verifier.verify(headers, BODY))).toBe("UNKNOWN_SERIAL");
    expect(downloadCertificates).not.toHaveBeenCalled();
  });

  test.each([
    ["6 minutes old", -360, "STALE_TIMESTAMP"],
    ["6 minutes ahead", 360, "STALE_TIMESTAMP"],
    ["5 minutes and 1 second old", -301, "STALE_TIMESTAMP"],
    ["4 minutes old", -240, null],
    ["4 minutes ahead", 240, null],
  ] as const)("a timestamp %s: %s", async (_label, offsetSeconds, expected) => {
    const headers = new Headers(platformSignatureHeaders(BODY, publicKeySigner, { timestamp: NOW_S + offsetSeconds }));
    const result = publicKeyModeVerifier().verifier.verify(headers, BODY);
    if (expected) expect(await failure(result)).toBe(expected);
    else await expect(result).resolves.toBeUndefined();
  });

  test("rejects missing headers and a timestamp that is not Unix seconds", async () => {
    const { verifier } = publicKeyModeVerifier();
    const complete = platformSignatureHeaders(BODY, publicKeySigner, { timestamp: NOW_S });
    for (const name of ["Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"]) {
      const headers = new Headers(complete);
      headers.delete(name);
      expect(await failure(verifier.verify(headers, BODY))).toBe("SIGN_ERROR");
    }
    const millis = new Headers(platformSignatureHeaders(BODY, publicKeySigner, { timestamp: NOW_MS }));
    expect(await failure(verifier.verify(millis, BODY))).toBe("SIGN_ERROR"); // milliseconds are not the format
    const garbage = new Headers({ ...complete, "Wechatpay-Timestamp": "soon" });
    expect(await failure(verifier.verify(garbage, BODY))).toBe("SIGN_ERROR");
  });
});

describe("platform certificate mode", () => {
  function certStore(options: { now?: () => number; download?: () => Promise<Map<string, KeyObject>> } = {}) {
    const downloadCertificates = vi.fn(options.download ?? (async () => new Map([[FIXTURE_SERIALS.platformCert, certificateKey]])));
    const now = options.now ?? (() => NOW_MS);
    const store = createPlatformKeyStore({ downloadCertificates, now });
    return { store, verifier: createSignatureVerifier(store, now), downloadCertificates };
  }
  const signed = (serial: string = FIXTURE_SERIALS.platformCert) =>
    new Headers(platformSignatureHeaders(BODY, { ...certSigner, serial }, { timestamp: NOW_S }));

  test("downloads certificates on first use, then verifies from the cache", async () => {
    const { verifier, downloadCertificates } = certStore();
    await verifier.verify(signed(), BODY);
    await verifier.verify(signed(), BODY);
    expect(downloadCertificates).toHaveBeenCalledTimes(1);
  });

  test("compares certificate serials without case", async () => {
    const { verifier } = certStore();
    await expect(verifier.verify(signed(FIXTURE_SERIALS.platformCert.toLowerCase()), BODY)).resolves.toBeUndefined();
  });

  test("refreshes once on an unknown serial, then fails; no second download within the interval", async () => {
    let now = NOW_MS;
    const { verifier, downloadCertificates } = certStore({ now: () => now });
    await verifier.verify(signed(), BODY);
    const unknown = "0123456789ABCDEF0123456789ABCDEF01234567";
    // Signed over a known body but under a serial nobody issued.
    expect(await failure(verifier.verify(signed(unknown), BODY))).toBe("UNKNOWN_SERIAL");
    expect(await failure(verifier.verify(signed(unknown), BODY))).toBe("UNKNOWN_SERIAL");
    expect(downloadCertificates).toHaveBeenCalledTimes(1);
    now += 61_000;
    const later = new Headers(platformSignatureHeaders(BODY, { ...certSigner, serial: unknown }, { timestamp: now / 1000 }));
    expect(await failure(verifier.verify(later, BODY))).toBe("UNKNOWN_SERIAL");
    expect(downloadCertificates).toHaveBeenCalledTimes(2);
  });

  test("picks up a rotated certificate on its first appearance", async () => {
    const rotated = "7A0F00000000000000000000000000000000ABCD";
    const downloads = [
      new Map([[FIXTURE_SERIALS.platformCert, certificateKey]]),
      new Map([
        [FIXTURE_SERIALS.platformCert, certificateKey],
        [rotated, certificateKey],
      ]),
    ];
    let now = NOW_MS;
    const { verifier, downloadCertificates } = certStore({ now: () => now, download: async () => downloads.shift()! });
    await verifier.verify(signed(), BODY);
    now += 120_000;
    const headers = new Headers(platformSignatureHeaders(BODY, { ...certSigner, serial: rotated }, { timestamp: now / 1000 }));
    await expect(verifier.verify(headers, BODY)).resolves.toBeUndefined();
    expect(downloadCertificates).toHaveBeenCalledTimes(2);
  });

  test("concurrent lookups share one download", async () => {
    const { store, downloadCertificates } = certStore();
    const found = await Promise.all([1, 2, 3].map(() => store.keyFor(FIXTURE_SERIALS.platformCert)));
    expect(found.every(Boolean)).toBe(true);
    expect(downloadCertificates).toHaveBeenCalledTimes(1);
  });

  test("a failed download is CERTIFICATES_UNAVAILABLE", async () => {
    const { verifier } = certStore({
      download: async () => {
        throw new Error("connect ECONNREFUSED");
      },
    });
    expect(await failure(verifier.verify(signed(), BODY))).toBe("CERTIFICATES_UNAVAILABLE");
  });

  test("each account keeps its own certificates (unlike the SDK's static Pay.certificates)", async () => {
    const a = certStore();
    const b: { store: PlatformKeyStore } = certStore({ download: async () => new Map() });
    await a.store.keyFor(FIXTURE_SERIALS.platformCert);
    expect(await b.store.keyFor(FIXTURE_SERIALS.platformCert)).toBeUndefined();
  });
});
