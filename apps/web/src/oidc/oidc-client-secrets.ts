import { isDemoSecret } from '@kk/config';
import type { TenantConfig } from '@kk/tenancy';

export class OidcSecretsConfigError extends Error {}

/**
 * Every OIDC tenant's client secret, read from the variable its tenant.yaml names and
 * checked at boot (not at the first citizen's login): missing, it stops start-up naming
 * tenant and variable; outside demo/test mode the stand-in's public demo secret is refused.
 */
export function resolveOidcClientSecrets(
  tenants: readonly TenantConfig[],
  env: NodeJS.ProcessEnv,
  relaxed: boolean,
): Map<string, string> {
  const secrets = new Map<string, string>();
  const problems: string[] = [];
  for (const tenant of tenants) {
    if (tenant.login.method !== 'oidc') continue;
    const name = tenant.login.clientSecretEnv;
    const secret = env[name];
    if (!secret) problems.push(`  tenant ${tenant.slug}: ${name} is not set (the OIDC client secret)`);
    else if (!relaxed && isDemoSecret(secret))
      problems.push(`  tenant ${tenant.slug}: ${name} is the public demo value`);
    else secrets.set(tenant.slug, secret);
  }
  if (problems.length > 0) throw new OidcSecretsConfigError(`Invalid OIDC configuration:\n${problems.join('\n')}`);
  return secrets;
}
