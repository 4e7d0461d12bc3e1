/** Finds a browser installed on the system, or says how to get one. Tests and the demo never download a browser. */
import { existsSync } from 'node:fs';

export interface SystemBrowser {
  /** The executable: from the environment variable when set, else the first candidate path that exists. */
  find(): string | null;
  /** As `find`, but throws the install instructions when there is none. */
  require(): string;
  /** What to tell a person who does not have it. */
  missing: string;
}

export function systemBrowser(options: { envVar: string; candidates: string[]; missing: string }): SystemBrowser {
  const find = (): string | null => {
    const fromEnv = process.env[options.envVar];
    if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
    return options.candidates.find((path) => existsSync(path)) ?? null;
  };
  return {
    find,
    require() {
      const path = find();
      const fromEnv = process.env[options.envVar];
      if (!path) throw new Error(options.missing + (fromEnv ? ` (${options.envVar}=${fromEnv} does not exist)` : ''));
      return path;
    },
    missing: options.missing,
  };
}
