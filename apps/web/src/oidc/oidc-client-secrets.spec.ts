import { DEMO_OIDC_CLIENT_SECRET } from '@kk/config';
import { defaultTenantsDir, loadTenants, tenantIdFromSlug, type OidcLoginConfig, type TenantConfig } from '@kk/tenancy';
import { OidcSecretsConfigError, resolveOidcClientSecrets } from './oidc-client-secrets';

const shipped = loadTenants(defaultTenantsDir({}), {});
const emailTenant = shipped.require('sctibs');
const gladsaxe = shipped.require('gladsaxe');

/** Another MitID tenant, as a second municipality would configure it. */
function oidcTenant(slug: string, clientSecretEnv: string): TenantConfig {
  const login = { ...(gladsaxe.login as OidcLoginConfig), clientSecretEnv };
  return { ...gladsaxe, slug: tenantIdFromSlug(slug), hosts: [`${slug}.localhost`], login };
}

/** The message start-up stops with (and fails the test if it does not). */
function refusal(tenants: readonly TenantConfig[], env: NodeJS.ProcessEnv, relaxed: boolean): string {
  try {
    resolveOidcClientSecrets(tenants, env, relaxed);
  } catch (error) {
    if (error instanceof OidcSecretsConfigError) return error.message;
    throw error;
  }
  throw new Error('expected resolveOidcClientSecrets to refuse');
}

describe('resolveOidcClientSecrets', () => {
  const city = oidcTenant('aarhus', 'AARHUS_OIDC_CLIENT_SECRET');

  it('reads each MitID tenant its secret from the variable its tenant.yaml names', () => {
    expect(gladsaxe.login.method).toBe('oidc');
    const secrets = resolveOidcClientSecrets(
      [gladsaxe, city],
      { GLADSAXE_OIDC_CLIENT_SECRET: 'gladsaxe-eget', AARHUS_OIDC_CLIENT_SECRET: 'aarhus-eget' },
      false,
    );
    expect([...secrets]).toEqual([
      ['gladsaxe', 'gladsaxe-eget'],
      ['aarhus', 'aarhus-eget'],
    ]);
  });

  it('stops start-up on a missing secret, naming tenant and variable, for every tenant at once', () => {
    const message = refusal([gladsaxe, city], { AARHUS_OIDC_CLIENT_SECRET: '' }, false);
    expect(message).toContain('tenant gladsaxe: GLADSAXE_OIDC_CLIENT_SECRET is not set');
    expect(message).toContain('tenant aarhus: AARHUS_OIDC_CLIENT_SECRET is not set');
  });

  it('stops on a missing secret in the demo and test modes too', () => {
    expect(refusal([gladsaxe], {}, true)).toContain('tenant gladsaxe: GLADSAXE_OIDC_CLIENT_SECRET');
  });

  it("refuses the stand-in's public demo secret outside the demo and test modes", () => {
    const env = { GLADSAXE_OIDC_CLIENT_SECRET: DEMO_OIDC_CLIENT_SECRET };
    expect(refusal([gladsaxe], env, false)).toContain(
      'tenant gladsaxe: GLADSAXE_OIDC_CLIENT_SECRET is the public demo value',
    );
    expect(resolveOidcClientSecrets([gladsaxe], env, true).get('gladsaxe')).toBe(DEMO_OIDC_CLIENT_SECRET);
  });

  it('needs no secret for a tenant whose parents log in with email', () => {
    expect(emailTenant.login.method).toBe('email');
    expect(resolveOidcClientSecrets([emailTenant], {}, false).size).toBe(0);
    const secrets = resolveOidcClientSecrets([emailTenant, gladsaxe], { GLADSAXE_OIDC_CLIENT_SECRET: 'eget' }, false);
    expect([...secrets.keys()]).toEqual(['gladsaxe']);
  });
});
