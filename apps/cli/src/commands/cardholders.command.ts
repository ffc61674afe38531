import { readFileSync } from 'node:fs';
import { importCardholders, type ImportCardholdersResult } from '@kk/cardholders';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';

/**
 * All or nothing: with any bad line nothing is imported, the bad lines are printed (the
 * contract's `errors`) and the exit code is non-zero, so a script cannot mistake it for success.
 */
export async function importCardholdersFile(
  ctx: CliContext,
  tenantSlug: string,
  file: string,
): Promise<ImportCardholdersResult> {
  const tenant = ctx.tenant(tenantSlug);
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : 'unreadable';
    throw new CliError(`Cannot read ${file}: ${reason}`);
  }
  const cipher = ctx.cprCipher();
  const result = await ctx.inTenant(tenant, (tx) =>
    importCardholders(tx, cipher, content, { cardNumber: tenant.cardNumber }),
  );
  if (result.errors.length > 0) {
    const lines = result.errors.length === 1 ? '1 bad line' : `${result.errors.length} bad lines`;
    throw new CliError(`Nothing imported: ${file} has ${lines} (listed on stdout)`, result);
  }
  return result;
}
