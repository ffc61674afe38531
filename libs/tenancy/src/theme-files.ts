import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantConfig } from './tenant-config.schema';

// Only plain file names: no folders, no dot-files, so a request can never leave theme/.
const THEME_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png|jpe?g|webp|ico|css|woff2?)$/;

export function themeDir(tenant: Pick<TenantConfig, 'dir'>): string {
  return join(tenant.dir, 'theme');
}

/** Absolute path of a servable file in the tenant's theme folder, or undefined. */
export function resolveThemeFile(tenant: Pick<TenantConfig, 'dir'>, name: string): string | undefined {
  if (!THEME_FILE.test(name) || name.includes('..')) {
    return undefined;
  }
  const path = join(themeDir(tenant), name);
  return existsSync(path) && statSync(path).isFile() ? path : undefined;
}
