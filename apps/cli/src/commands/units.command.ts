import { TillsService } from '@kk/tills';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';
import { requireName } from './cli-input';

export interface UnitOutput {
  id: string;
  name: string;
}

/** A unit (enhed) is a place where tills stand, e.g. "Kantinen". */
export async function createUnit(ctx: CliContext, tenantSlug: string, rawName: string): Promise<UnitOutput> {
  const tenant = ctx.tenant(tenantSlug);
  const name = requireName(rawName, 'The unit name');
  const result = await (await ctx.service(TillsService)).createUnit({ tenantId: tenant.slug }, name);
  if (!result.ok) throw new CliError(`Tenant "${tenant.slug}" already has a unit named "${name}"`);
  return { id: result.id, name: result.name };
}
