import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface TenantFolder {
  slug: string;
  /** Written as tenant.yaml; a string is written verbatim. Defaults to minimalTenantYaml(slug). */
  config?: Record<string, unknown> | string;
  /** Logo file names created in theme/; defaults to ['logo.svg']. */
  themeFiles?: string[];
}

/** The smallest valid tenant.yaml content for a slug. */
export function minimalTenantYaml(slug: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    displayName: `Tenant ${slug}`,
    hosts: [`${slug}.localhost`],
    login: { method: 'email' },
    support: { text: 'Kontakt os' },
    ...overrides,
  };
}

/** A throw-away tenants/ folder; each test gets its own. */
export function writeTenantsDir(folders: TenantFolder[]): string {
  const root = mkdtempSync(join(tmpdir(), 'kk-tenants-'));
  for (const folder of folders) {
    const dir = join(root, folder.slug);
    mkdirSync(join(dir, 'theme'), { recursive: true });
    const config = folder.config ?? minimalTenantYaml(folder.slug);
    writeFileSync(join(dir, 'tenant.yaml'), typeof config === 'string' ? config : stringify(config));
    for (const file of folder.themeFiles ?? ['logo.svg']) {
      writeFileSync(join(dir, 'theme', file), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    }
  }
  return root;
}
