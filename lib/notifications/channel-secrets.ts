// A channel's URL (it carries the robot's access token) and signing secret, encrypted at rest
// like receiving accounts' keys; the aad binds the ciphertext to its channel kind.
import "server-only";
import type { NotificationKind } from "@/db/tables";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";

export interface ChannelSecrets {
  url: string;
  /** 钉钉 加签 secret (SEC…) or the webhook's HMAC key; empty when unused. */
  secret: string;
}

const aad = (kind: NotificationKind) => `notification-channel:${kind}`;

export function sealChannelSecrets(kind: NotificationKind, secrets: ChannelSecrets): string {
  return encryptSecret(JSON.stringify(secrets), aad(kind));
}

export function openChannelSecrets(kind: NotificationKind, sealed: string): ChannelSecrets {
  return JSON.parse(decryptSecret(sealed, aad(kind))) as ChannelSecrets;
}
