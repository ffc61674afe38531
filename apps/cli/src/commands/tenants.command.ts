import type { CliContext } from '../cli-context';

export interface TenantsListOutput {
  tenants: { slug: string; name: string; hosts: string[] }[];
}

/** From the configuration alone: the tenants folder is the source of truth. */
export function listTenants(ctx: CliContext): TenantsListOutput {
  return {
    tenants: ctx.tenants.all().map((t) => ({ slug: t.slug, name: t.displayName, hosts: [...t.hosts] })),
  };
}
