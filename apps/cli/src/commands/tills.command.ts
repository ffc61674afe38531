import { generateTillKey, hashTillKey } from '@kk/pos-authorization';
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
  const apiKey = generateTillKey(tenant.slug);
  return ctx.inTenant(tenant, async (tx) => {
    const units = await tx.query<{ id: string }>(`SELECT id FROM units WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      unitId,
    ]);
    if (!units[0]) {
      throw new CliError(`Tenant "${tenant.slug}" has no unit ${unitId}; create one with units:create`);
    }
    const [till] = await tx.query<{ id: string }>(
      `INSERT INTO tills (tenant_id, unit_id, name, api_key_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
      [tx.tenantId, unitId, name, hashTillKey(apiKey)],
    );
    return { id: till.id, name, unitId, apiKey };
  });
}
