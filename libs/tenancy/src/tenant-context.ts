import type { TenantConfig } from './tenant-config.schema';

// A WeakMap rather than a request property: nothing else can overwrite it, and it needs
// no augmentation of Express' types.
const tenantByRequest = new WeakMap<object, TenantConfig>();

export function setCurrentTenant(request: object, tenant: TenantConfig): void {
  tenantByRequest.set(request, tenant);
}

export function findCurrentTenant(request: object): TenantConfig | undefined {
  return tenantByRequest.get(request);
}

/** The tenant of a request that went through the host middleware. */
export function currentTenant(request: object): TenantConfig {
  const tenant = tenantByRequest.get(request);
  if (!tenant) {
    throw new Error('No tenant on this request: is TenantHostMiddleware applied to this route?');
  }
  return tenant;
}
