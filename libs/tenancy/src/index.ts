export { CurrentTenant } from './current-tenant.decorator';
export { loadTenants, TENANT_CONFIG_FILE } from './load-tenants';
export { TenancyModule, type TenancyModuleOptions } from './tenancy.module';
export { formatTenantConfigIssue, TenantConfigError, type TenantConfigIssue } from './tenant-config.error';
export {
  parseTenantSettings,
  tenantConfigSchema,
  type CardNumberFormat,
  type Locale,
  type LoginConfig,
  type OidcLoginConfig,
  type PaymentMethod,
  type PaymentSettings,
  type NexiSettings,
  type MobilePaySettings,
  type TenantConfig,
  type TenantConfigInput,
  type TenantFeatures,
  type TenantSettings,
  type TenantTheme,
} from './tenant-config.schema';
export { TENANT_SLUG, tenantIdFromSlug, tenantIdSchema, type TenantId } from './tenant-id';
export { currentTenant, findCurrentTenant, setCurrentTenant } from './tenant-context';
export { TenantHostMiddleware } from './tenant-host.middleware';
export { normaliseHost, TenantRegistry } from './tenant-registry';
export { defaultTenantsDir } from './tenants-dir';
export { resolveThemeFile, themeDir } from './theme-files';
export { contrastRatio } from './wcag-contrast';
