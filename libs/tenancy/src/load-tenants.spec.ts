import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTenants } from './load-tenants';
import { TenantConfigError } from './tenant-config.error';
import { defaultTenantsDir } from './tenants-dir';
import { minimalTenantYaml, writeTenantsDir, type TenantFolder } from '@kk/testing';

const created: string[] = [];

function tenantsDir(...folders: TenantFolder[]): string {
  const dir = writeTenantsDir(folders);
  created.push(dir);
  return dir;
}

function loadError(dir: string, env: NodeJS.ProcessEnv = {}): TenantConfigError {
  try {
    loadTenants(dir, env);
  } catch (error) {
    if (error instanceof TenantConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected loadTenants to throw');
}

afterAll(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('loadTenants', () => {
  it('loads a minimal tenant with every default filled in', () => {
    const dir = tenantsDir({ slug: 'minimal' });
    const tenant = loadTenants(dir, {}).require('minimal');

    expect(tenant).toMatchObject({
      slug: 'minimal',
      dir: join(dir, 'minimal'),
      displayName: 'Tenant minimal',
      productName: 'Tenant minimal',
      hosts: ['minimal.localhost'],
      locale: { default: 'da', offered: ['da', 'en'] },
      login: { method: 'email', selfSignUp: false },
      cardNumber: { pattern: '[A-Z0-9]{4,32}', upperCase: true },
      features: {
        cardNumberChange: false,
        cardOrdering: { enabled: false, feeOre: 0 },
        paymentMethods: ['card'],
        payouts: { mode: 'self_service' },
        statementTabName: 'Kontoudskrift',
        remoteSupport: { enabled: false },
      },
      autoTopUp: { thresholdOre: 5000 },
      theme: { logo: 'logo.svg', backgroundColor: '#ffffff' },
    });
    expect(Object.isFrozen(tenant.features.payouts)).toBe(true);
  });

  it('loads the shipped tenants as SPEC.md configures them', () => {
    const registry = loadTenants(defaultTenantsDir({}), {});
    const sctibs = registry.require('sctibs');
    const gladsaxe = registry.require('gladsaxe');

    expect(sctibs.login).toEqual({ method: 'email', selfSignUp: true });
    expect(sctibs.cardNumber).toMatchObject({ pattern: '[0-9]{16}', invalidMessage: 'Ugyldigt Kortnummer' });
    expect(sctibs.features).toMatchObject({
      cardNumberChange: true,
      cardOrdering: { enabled: false },
      paymentMethods: ['card'],
      payouts: { mode: 'self_service' },
      spendingLimits: true,
      statementTabName: 'Kontoudskrift',
    });
    expect(gladsaxe.productName).toBe('Gladsaxekortet');
    expect(gladsaxe.login).toMatchObject({
      method: 'oidc',
      issuer: 'http://localhost:3003',
      clientId: 'gladsaxekortet',
      clientSecretEnv: 'GLADSAXE_OIDC_CLIENT_SECRET',
      cprLinking: true,
      cprVerification: 'match',
    });
    expect(gladsaxe.features).toMatchObject({
      cardNumberChange: false,
      cardOrdering: { enabled: true, feeOre: 2500 },
      paymentMethods: ['card', 'mobilepay'],
      depositsToBlockedAccount: false,
      payouts: { mode: 'contact' },
      deviceRestrictions: true,
      photo: true,
      statementTabName: 'Rapporter',
      subscriptions: true,
      webshop: true,
      remoteSupport: { enabled: true },
    });
    expect(gladsaxe.support).toMatchObject({ phone: '7199 5445' });
  });

  it('names file and key for a missing key', () => {
    const config = minimalTenantYaml('school');
    delete config.displayName;
    const dir = tenantsDir({ slug: 'school', config });

    expect(loadError(dir).message).toContain(`${join(dir, 'school', 'tenant.yaml')}: displayName: is required`);
  });

  it('shows the file relative to the working directory', () => {
    const dir = tenantsDir({ slug: 'school', config: minimalTenantYaml('school', { hosts: ['Not a host'] }) });
    jest.spyOn(process, 'cwd').mockReturnValue(dir);

    expect(loadError(dir).message).toContain('\n  school/tenant.yaml: hosts[0]: must be a host name');
    jest.restoreAllMocks();
  });

  it('names file and key for a value of the wrong type', () => {
    const dir = tenantsDir({ slug: 'school', config: minimalTenantYaml('school', { features: { webshop: 'yes' } }) });

    expect(loadError(dir).message).toContain('school/tenant.yaml: features.webshop: Invalid input: expected boolean');
  });

  it('names file and key for an unknown key', () => {
    const dir = tenantsDir({ slug: 'school', config: minimalTenantYaml('school', { features: { colour: 'red' } }) });

    expect(loadError(dir).message).toContain('school/tenant.yaml: features.colour: unknown key');
  });

  it('names file and key for a value outside its options', () => {
    const config = minimalTenantYaml('school', { features: { payouts: { mode: 'bank' } } });
    const dir = tenantsDir({ slug: 'school', config });

    expect(loadError(dir).message).toContain(
      'school/tenant.yaml: features.payouts.mode: must be "self_service" or "contact"',
    );
  });

  it('requires the OIDC settings when login is oidc', () => {
    const dir = tenantsDir({ slug: 'city', config: minimalTenantYaml('city', { login: { method: 'oidc' } }) });
    const keys = loadError(dir).issues.map((issue) => issue.key);

    expect(keys).toEqual(['login.issuer', 'login.clientId', 'login.clientSecretEnv']);
  });

  it('rejects a folder name that is not a valid slug', () => {
    const dir = tenantsDir({ slug: 'Bad_Slug', config: minimalTenantYaml('bad') });

    expect(loadError(dir).message).toContain('Bad_Slug/tenant.yaml: slug: folder name "Bad_Slug" must match');
  });

  it('rejects two tenants claiming the same host, naming both files', () => {
    const dir = tenantsDir(
      { slug: 'first', config: minimalTenantYaml('first', { hosts: ['shared.localhost'] }) },
      { slug: 'second', config: minimalTenantYaml('second', { hosts: ['other.localhost', 'Shared.localhost'] }) },
    );

    expect(loadError(dir).message).toContain(
      `second/tenant.yaml: hosts[1]: "shared.localhost" is also claimed by ${join(dir, 'first', 'tenant.yaml')}`,
    );
  });

  it('rejects a theme logo that does not exist', () => {
    const dir = tenantsDir({ slug: 'school', themeFiles: [] });

    expect(loadError(dir).message).toContain(
      `school/tenant.yaml: theme.logo: file not found: ${join(dir, 'school', 'theme', 'logo.svg')}`,
    );
  });

  it('rejects theme colours that fail WCAG AA contrast', () => {
    const config = minimalTenantYaml('school', { theme: { textColor: '#999999' } });
    const dir = tenantsDir({ slug: 'school', config });

    expect(loadError(dir).message).toMatch(/theme\.textColor: contrast with backgroundColor is 2\.\d+:1/);
  });

  it('reports YAML errors with their position', () => {
    const dir = tenantsDir({ slug: 'school', config: 'displayName: A\ndisplayName: B\n' });

    expect(loadError(dir).message).toContain('school/tenant.yaml: Map keys must be unique at line 2, column 1');
    expect(loadError(dir).message).not.toMatch(/column 1:/);
  });

  it('collects the problems of every file before failing', () => {
    const dir = tenantsDir(
      { slug: 'alpha', config: minimalTenantYaml('alpha', { hosts: [] }) },
      { slug: 'beta', config: '' },
      { slug: 'gamma' },
    );
    const error = loadError(dir);

    expect(error.issues.map((issue) => `${issue.file.split('/').slice(-2).join('/')} ${issue.key}`)).toEqual([
      'alpha/tenant.yaml hosts',
      'beta/tenant.yaml ',
    ]);
    expect(error.message).toContain('Invalid tenant configuration (2 problems)');
  });

  it('ignores folders without tenant.yaml but flags a misnamed tenant.yml', () => {
    const dir = tenantsDir({ slug: 'school' });
    mkdirSync(join(dir, 'notes'));
    mkdirSync(join(dir, 'typo'));
    writeFileSync(join(dir, 'typo', 'tenant.yml'), 'displayName: x\n');

    expect(loadError(dir).message).toContain('typo/tenant.yml: rename to tenant.yaml');
  });

  it('fails when there is no tenant at all', () => {
    expect(loadError(tenantsDir()).message).toContain('no tenant folder with a tenant.yaml');
    expect(loadError('/nonexistent/tenants').message).toContain('/nonexistent/tenants: tenants folder not found');
  });

  describe('OIDC issuer override', () => {
    const oidc = {
      method: 'oidc',
      issuer: 'http://localhost:3003',
      issuerEnv: 'CITY_OIDC_ISSUER',
      clientId: 'city',
      clientSecretEnv: 'CITY_OIDC_SECRET',
    };

    it('takes the issuer from the named environment variable when it is set', () => {
      const dir = tenantsDir({ slug: 'city', config: minimalTenantYaml('city', { login: oidc }) });

      expect(loadTenants(dir, {}).require('city').login).toMatchObject({ issuer: 'http://localhost:3003' });
      expect(loadTenants(dir, { CITY_OIDC_ISSUER: 'http://127.0.0.1:4555' }).require('city').login).toMatchObject({
        issuer: 'http://127.0.0.1:4555',
      });
    });

    it('rejects an override that is not a URL', () => {
      const dir = tenantsDir({ slug: 'city', config: minimalTenantYaml('city', { login: oidc }) });

      expect(loadError(dir, { CITY_OIDC_ISSUER: 'nope' }).message).toContain(
        'city/tenant.yaml: login.issuerEnv: environment variable CITY_OIDC_ISSUER is not an http(s) URL',
      );
    });
  });

  describe('how the broker vouches for the CPR', () => {
    const oidc = { method: 'oidc', issuer: 'http://localhost:3003', clientId: 'city', clientSecretEnv: 'CITY_SECRET' };
    const load = (login: Record<string, unknown>) =>
      tenantsDir({ slug: 'city', config: minimalTenantYaml('city', { login: { ...oidc, ...login } }) });

    it('defaults to the CPR match, and takes the claim mode with the scope that carries the claim', () => {
      expect(loadTenants(load({}), {}).require('city').login).toMatchObject({
        cprVerification: 'match',
        cprClaim: 'dk.cpr',
      });
      const claim = loadTenants(load({ cprVerification: 'claim', scopes: ['openid', 'ssn'] }), {});
      expect(claim.require('city').login).toMatchObject({ cprVerification: 'claim' });
    });

    it('names file and key for an unknown mode, and for the claim mode without the CPR scope', () => {
      expect(loadError(load({ cprVerification: 'typed' })).message).toContain(
        'city/tenant.yaml: login.cprVerification: must be "claim" or "match"',
      );
      expect(loadError(load({ cprVerification: 'claim', scopes: ['openid', 'profile'] })).message).toContain(
        'city/tenant.yaml: login.scopes: must include the scope that carries the CPR claim (ssn or nin)',
      );
    });
  });
});
