import type { TenantConfig } from './tenant-config.schema';

/** The tenants known at start-up, looked up by slug or by request host. */
export class TenantRegistry {
  private readonly bySlug = new Map<string, TenantConfig>();
  private readonly byHostName = new Map<string, TenantConfig>();

  constructor(tenants: readonly TenantConfig[]) {
    for (const tenant of tenants) {
      if (this.bySlug.has(tenant.slug)) {
        throw new Error(`Tenant "${tenant.slug}" is registered twice`);
      }
      this.bySlug.set(tenant.slug, tenant);
      for (const host of tenant.hosts.map(normaliseHost)) {
        const owner = this.byHostName.get(host);
        if (owner) {
          throw new Error(`Host "${host}" is claimed by tenants "${owner.slug}" and "${tenant.slug}"`);
        }
        this.byHostName.set(host, tenant);
      }
    }
  }

  all(): TenantConfig[] {
    return [...this.bySlug.values()];
  }

  get(slug: string): TenantConfig | undefined {
    return this.bySlug.get(slug);
  }

  require(slug: string): TenantConfig {
    const tenant = this.bySlug.get(slug);
    if (!tenant) {
      const known = [...this.bySlug.keys()].join(', ') || 'none';
      throw new Error(`Unknown tenant "${slug}" (known tenants: ${known})`);
    }
    return tenant;
  }

  /** Accepts a Host header as sent: any case, with or without port, trailing dot. */
  byHost(host: string): TenantConfig | undefined {
    return this.byHostName.get(normaliseHost(host));
  }
}

export function normaliseHost(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) {
    // IPv6 literal: "[::1]:3000" -> "[::1]"
    name = name.slice(0, name.indexOf(']') + 1);
  } else if (name.split(':').length === 2) {
    name = name.slice(0, name.indexOf(':'));
  }
  return name.endsWith('.') ? name.slice(0, -1) : name;
}
