/** Minimal `--name value` / `--flag` parsing with typed getters that fail with a usage message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Args {
  command: string | undefined;
  has(name: string): boolean;
  string(name: string, fallback?: string): string;
  int(name: string, fallback?: number): number;
  number(name: string, fallback?: number): number;
}

export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  const values = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (!token.startsWith('--')) throw new UsageError(`Unexpected argument “${token}”`);
    const name = token.slice(2);
    const next = rest[i + 1];
    if (next === undefined || (next.startsWith('--') && next !== '-')) values.set(name, 'true');
    else {
      values.set(name, next);
      i++;
    }
  }
  const raw = (name: string, fallback?: string | number): string => {
    const v = values.get(name);
    if (v !== undefined) return v;
    if (fallback !== undefined) return String(fallback);
    throw new UsageError(`Missing --${name}`);
  };
  return {
    command,
    has: (name) => values.has(name),
    string: (name, fallback) => raw(name, fallback),
    int(name, fallback) {
      const v = Number(raw(name, fallback));
      if (!Number.isInteger(v))
        throw new UsageError(`--${name} must be an integer, got “${raw(name, fallback)}”`);
      return v;
    },
    number(name, fallback) {
      const v = Number(raw(name, fallback));
      if (!Number.isFinite(v))
        throw new UsageError(`--${name} must be a number, got “${raw(name, fallback)}”`);
      return v;
    },
  };
}
