import { currentTenant, findCurrentTenant, setCurrentTenant } from './tenant-context';
import type { TenantConfig } from './tenant-config.schema';

describe('tenant context', () => {
  const tenant = { slug: 'school' } as TenantConfig;

  it('keeps the tenant per request object', () => {
    const request = {};
    setCurrentTenant(request, tenant);

    expect(currentTenant(request)).toBe(tenant);
    expect(findCurrentTenant({})).toBeUndefined();
  });

  it('fails loudly when the middleware did not run', () => {
    expect(() => currentTenant({})).toThrow('is TenantHostMiddleware applied to this route?');
  });
});
