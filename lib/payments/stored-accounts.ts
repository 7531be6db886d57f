// Receiving accounts managed in the admin pages (stored encrypted in receiving_accounts).
import type { ProviderAccount, ProviderId } from "./types";

export function resolveStoredAccount(_providerId: ProviderId, _accountRef: string): ProviderAccount | null {
  return null;
}
