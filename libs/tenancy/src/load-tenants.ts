import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { TenantConfigError, type TenantConfigIssue } from './tenant-config.error';
import { parseTenantSettings, type TenantConfig, type TenantSettings } from './tenant-config.schema';
import { TENANT_SLUG, tenantIdSchema } from './tenant-id';
import { TenantRegistry } from './tenant-registry';

export const TENANT_CONFIG_FILE = 'tenant.yaml';

interface LoadedTenant {
  tenant?: TenantConfig;
  issues: TenantConfigIssue[];
}

/**
 * Reads and validates every `<dir>/<slug>/tenant.yaml`. Throws one TenantConfigError listing
 * every problem in every file, so an operator fixes them all in one round.
 */
export function loadTenants(dir: string, env: NodeJS.ProcessEnv = process.env): TenantRegistry {
  const root = resolve(dir);
  if (!isDirectory(root)) {
    throw new TenantConfigError([{ file: displayPath(root), key: '', message: 'tenants folder not found' }]);
  }
  const issues: TenantConfigIssue[] = [];
  const tenants: TenantConfig[] = [];
  for (const name of readdirSync(root).sort()) {
    const tenantDir = join(root, name);
    if (name.startsWith('.') || !isDirectory(tenantDir)) {
      continue;
    }
    const file = join(tenantDir, TENANT_CONFIG_FILE);
    if (!existsSync(file)) {
      const misnamed = join(tenantDir, 'tenant.yml');
      if (existsSync(misnamed)) {
        issues.push({ file: displayPath(misnamed), key: '', message: `rename to ${TENANT_CONFIG_FILE}` });
      }
      continue;
    }
    const loaded = loadTenant(name, tenantDir, file, env);
    issues.push(...loaded.issues);
    if (loaded.tenant) {
      tenants.push(loaded.tenant);
    }
  }
  issues.push(...duplicateHosts(tenants));
  if (issues.length === 0 && tenants.length === 0) {
    issues.push({ file: displayPath(root), key: '', message: `no tenant folder with a ${TENANT_CONFIG_FILE}` });
  }
  if (issues.length > 0) {
    throw new TenantConfigError(issues);
  }
  return new TenantRegistry(tenants);
}

function loadTenant(slug: string, dir: string, file: string, env: NodeJS.ProcessEnv): LoadedTenant {
  const shown = displayPath(file);
  const issues: TenantConfigIssue[] = [];
  const id = tenantIdSchema.safeParse(slug);
  if (!id.success) {
    issues.push({
      file: shown,
      key: 'slug',
      message: `folder name "${slug}" must match ${TENANT_SLUG.source} (lower-case letters, digits and hyphens)`,
    });
  }
  const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (document.errors.length > 0) {
    // The first line carries the message and position; the rest is a code frame.
    const messages = document.errors.map((error) => error.message.split('\n')[0].replace(/:$/, ''));
    return { issues: [...issues, ...messages.map((message) => issueAt(shown, '', message))] };
  }
  if (document.contents === null) {
    return { issues: [...issues, issueAt(shown, '', 'file is empty')] };
  }
  const parsed = parseTenantSettings(document.toJS());
  if (!parsed.success) {
    return { issues: [...issues, ...parsed.error.issues.flatMap((issue) => fromZodIssue(shown, issue))] };
  }
  const settings = applyEnvOverrides(parsed.data, env, shown, issues);
  const logo = join(dir, 'theme', settings.theme.logo);
  if (!isFile(logo)) {
    issues.push(issueAt(shown, 'theme.logo', `file not found: ${displayPath(logo)}`));
  }
  return issues.length > 0 || !id.success
    ? { issues }
    : { tenant: deepFreeze({ ...settings, slug: id.data, dir }), issues };
}

// The issuer's and the payment providers' addresses differ between the demo, tests and
// production; the file holds the default, `…Env` names the variable that overrides it.
function applyEnvOverrides(
  settings: TenantSettings,
  env: NodeJS.ProcessEnv,
  file: string,
  issues: TenantConfigIssue[],
): TenantSettings {
  const override = (name: string | undefined, key: string): string | undefined => {
    const value = name ? env[name]?.trim() : undefined;
    if (!value) return undefined;
    if (z.url({ protocol: /^https?$/ }).safeParse(value).success) return value;
    issues.push(issueAt(file, key, `environment variable ${name} is not an http(s) URL`));
    return undefined;
  };
  let result = settings;
  const login = settings.login;
  if (login.method === 'oidc') {
    const issuer = override(login.issuerEnv, 'login.issuerEnv');
    if (issuer) result = { ...result, login: { ...login, issuer } };
  }
  const payments = settings.payments;
  if (payments) {
    const nexiUrl = override(payments.nexi?.baseUrlEnv, 'payments.nexi.baseUrlEnv');
    const mobilePayUrl = override(payments.mobilepay?.baseUrlEnv, 'payments.mobilepay.baseUrlEnv');
    result = {
      ...result,
      payments: {
        ...payments,
        ...(payments.nexi && nexiUrl ? { nexi: { ...payments.nexi, baseUrl: nexiUrl } } : {}),
        ...(payments.mobilepay && mobilePayUrl ? { mobilepay: { ...payments.mobilepay, baseUrl: mobilePayUrl } } : {}),
      },
    };
  }
  return result;
}

function duplicateHosts(tenants: readonly TenantConfig[]): TenantConfigIssue[] {
  const issues: TenantConfigIssue[] = [];
  const owners = new Map<string, TenantConfig>();
  for (const tenant of tenants) {
    tenant.hosts.forEach((host, index) => {
      const owner = owners.get(host);
      if (owner) {
        const ownerFile = displayPath(join(owner.dir, TENANT_CONFIG_FILE));
        issues.push(
          issueAt(
            displayPath(join(tenant.dir, TENANT_CONFIG_FILE)),
            `hosts[${index}]`,
            `"${host}" is also claimed by ${ownerFile}`,
          ),
        );
      } else {
        owners.set(host, tenant);
      }
    });
  }
  return issues;
}

function fromZodIssue(file: string, issue: z.core.$ZodIssue): TenantConfigIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => issueAt(file, keyPath([...issue.path, key]), 'unknown key'));
  }
  return [issueAt(file, keyPath(issue.path), issue.message)];
}

function keyPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function issueAt(file: string, key: string, message: string): TenantConfigIssue {
  return { file, key, message };
}

/** Relative to the working directory when inside it, so messages read `tenants/x/tenant.yaml`. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
