import type { LevelWithSilent } from 'pino';

export const LOG_LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function isLogLevel(value: string): value is LevelWithSilent {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * LOG_LEVEL when set, else `fallback` (`info`; the CLI's `warn`); under NODE_ENV=test `silent`,
 * so a test run's output (which `npm test` scans for CPR numbers) holds only what a test prints
 * itself. Read from the process environment rather than the validated Env, because test apps
 * are built without loading it.
 */
export function logLevelFrom(
  source: Readonly<Record<string, string | undefined>> = process.env,
  fallback: LevelWithSilent = 'info',
): LevelWithSilent {
  const configured = source.LOG_LEVEL?.trim();
  if (configured) {
    if (!isLogLevel(configured)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
    return configured;
  }
  return source.NODE_ENV === 'test' ? 'silent' : fallback;
}
