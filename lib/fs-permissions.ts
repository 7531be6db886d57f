// The data folder holds payers' personal data, password hashes and session tokens: only the
// server's own user may read it (folder 700, files 600), whatever the umask made of them.
import fs from "node:fs";

const OTHERS_MASK = 0o077;

/** Creates the folder (and parents) mode 700, or narrows an existing one to 700. */
export function securePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask and leaves an existing folder alone.
  if ((fs.statSync(dir).mode & 0o777) !== 0o700) fs.chmodSync(dir, 0o700);
}

/** Narrows an existing file to 600; a file that does not exist yet is left to be created. */
export function securePrivateFile(file: string): void {
  let mode: number;
  try {
    mode = fs.statSync(file).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if ((mode & 0o777) !== 0o600) fs.chmodSync(file, 0o600);
}

/** Those of the paths (files or folders) that the group or others can read, write or enter. */
export function looselyProtectedFiles(paths: string[]): string[] {
  return paths.filter((p) => {
    try {
      return (fs.statSync(p).mode & OTHERS_MASK) !== 0;
    } catch {
      return false;
    }
  });
}
