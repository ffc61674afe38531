import { z } from 'zod';

/** A tenant folder's name, and so the tenant's id: lower-case letters, digits and hyphens. */
export const TENANT_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * A tenant's id (its folder's slug), branded: the libs' callers (`TenantCaller`) take one that
 * came from a loaded TenantConfig (`tenant.slug`) or from `tenantIdFromSlug`, never a string
 * that merely happens to be at hand (a form field, a URL part).
 */
export const tenantIdSchema = z.string().regex(TENANT_SLUG).brand<'TenantId'>();
export type TenantId = z.output<typeof tenantIdSchema>;

/**
 * For code that holds a slug from outside a TenantConfig (tests, CLI arguments, job payloads):
 * throws on one that cannot be a tenant's.
 */
export function tenantIdFromSlug(slug: string): TenantId {
  return tenantIdSchema.parse(slug);
}
