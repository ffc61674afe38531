import { TillsService } from '@kk/tills';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';
import { requireName, requireUuid } from './cli-input';

export interface TillOutput {
  id: string;
  name: string;
  unitId: string;
  /** Shown only here; the database keeps its hash. */
  apiKey: string;
}

export async function createTill(
  ctx: CliContext,
  tenantSlug: string,
  rawName: string,
  options: { unit: string },
): Promise<TillOutput> {
  const tenant = ctx.tenant(tenantSlug);
  const name = requireName(rawName, 'The till name');
  const unitId = requireUuid(options.unit, '--unit');
  const result = await (await ctx.service(TillsService)).createTill({ tenantId: tenant.slug }, { unitId, name });
  if (!result.ok) throw new CliError(`Tenant "${tenant.slug}" has no unit ${unitId}; create one with units:create`);
  return { id: result.id, name: result.name, unitId: result.unitId, apiKey: result.apiKey };
}
