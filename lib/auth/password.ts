// Admin passwords: argon2id with the library's defaults (19 MiB, 2 passes), per OWASP's baseline.
import "server-only";
import { hash, verify } from "@node-rs/argon2";

// Algorithm is a const enum in the typings; isolatedModules can't inline it, so use its value.
const ARGON2ID = 2;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed sign-in, not a crash
  }
}

// Verified against when the username does not exist, so a wrong name costs as much time as a wrong password.
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-0000");
  return dummyHash;
}
