import { isUuid } from '@kk/database';
import { CliError } from '../cli-error';

/** A trimmed, non-empty name that fits the database's 1–200 character checks. */
export function requireName(value: string, what: string, max = 200): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new CliError(`${what} must not be empty`);
  if (trimmed.length > max) throw new CliError(`${what} must be at most ${max} characters`);
  return trimmed;
}

export function requireUuid(value: string, what: string): string {
  const trimmed = value.trim();
  if (!isUuid(trimmed)) throw new CliError(`${what} must be an id like 3f2b8c1e-…, got "${value}"`);
  return trimmed.toLowerCase();
}
