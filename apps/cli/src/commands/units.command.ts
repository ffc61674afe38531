import type { CliContext } from '../cli-context';
import { CliError, isUniqueViolation } from '../cli-error';
import { requireName } from './cli-input';

export interface UnitOutput {
  id: string;
  name: string;
}

/** A unit (enhed) is a place where tills stand, e.g. "Kantinen". */
export async function createUnit(ctx: CliContext, tenantSlug: string, rawName: string): Promise<UnitOutput> {
  const tenant = ctx.tenant(tenantSlug);
  const name = requireName(rawName, 'The unit name');
  try {
    return await ctx.inTenant(tenant, async (tx) => {
      const [unit] = await tx.query<UnitOutput>(
        `INSERT INTO units (tenant_id, name) VALUES ($1, $2) RETURNING id, name`,
        [tx.tenantId, name],
      );
      return { id: unit.id, name: unit.name };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new CliError(`Tenant "${tenant.slug}" already has a unit named "${name}"`);
    throw error;
  }
}
