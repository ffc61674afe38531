import { randomBytes } from 'node:crypto';
import {
  DEMO_OIDC_CLIENT_SECRET,
  EnvConfigError,
  isDemoSecret,
  isRelaxedMode,
  loadEnv,
  publicOrigin,
  trustProxySetting,
} from './load-env';

const SECRETS = [
  'CPR_ENCRYPTION_KEY',
  'CPR_HMAC_KEY',
  'MFA_ENCRYPTION_KEY',
  'SESSION_SECRET',
  'PUBLIC_BASE_URL_TEMPLATE',
] as const;

/** A complete production environment of secrets nobody else has. */
function productionEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    CPR_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    CPR_HMAC_KEY: randomBytes(32).toString('base64'),
    MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_BASE_URL_TEMPLATE: 'https://{host}',
    APP_DATABASE_URL: 'postgres://kantinekort_app:eget-hemmeligt-ord@db.internal:5432/kantinekort',
    ...overrides,
  };
}

/** The message loadEnv refuses the environment with (and fails the test if it does not). */
function refusal(source: NodeJS.ProcessEnv): string {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvConfigError) return error.message;
    throw error;
  }
  throw new Error('expected loadEnv to refuse the environment');
}

// The public values, as the demo mode fills them in (read from the module, not copied here).
const demo = loadEnv({ NODE_ENV: 'demo' });
const DEMO_VALUES = {
  CPR_ENCRYPTION_KEY: demo.CPR_ENCRYPTION_KEY,
  CPR_HMAC_KEY: demo.CPR_HMAC_KEY,
  MFA_ENCRYPTION_KEY: demo.MFA_ENCRYPTION_KEY,
  SESSION_SECRET: demo.SESSION_SECRET,
  APP_DB_PASSWORD: demo.APP_DB_PASSWORD!,
};

describe('loadEnv', () => {
  describe('production (NODE_ENV unset or production)', () => {
    it('means production when NODE_ENV is unset', () => {
      expect(loadEnv(productionEnv()).NODE_ENV).toBe('production');
      expect(isRelaxedMode(loadEnv(productionEnv()))).toBe(false);
    });

    it('requires every secret and the public origin, naming each', () => {
      for (const source of [{}, { NODE_ENV: 'production' }]) {
        const message = refusal(source);
        for (const name of SECRETS) expect(message).toContain(`${name}: required`);
      }
    });

    it.each(SECRETS)('refuses an environment without %s alone, naming it and nothing else', (name) => {
      const message = refusal(productionEnv({ [name]: undefined }));
      expect(message).toContain(name);
      for (const other of SECRETS.filter((s) => s !== name)) {
        expect(message).not.toContain(`${other}:`);
      }
    });

    it('counts an empty value as missing', () => {
      expect(refusal(productionEnv({ SESSION_SECRET: '' }))).toContain('SESSION_SECRET: required');
    });

    it('treats any other NODE_ENV (e.g. development) as production, not as the relaxed demo mode', () => {
      const message = refusal({ NODE_ENV: 'development' });
      for (const name of SECRETS) expect(message).toContain(`${name}: required`);
    });

    it.each(Object.keys(DEMO_VALUES))('refuses the public demo value of %s', (name) => {
      const value = DEMO_VALUES[name as keyof typeof DEMO_VALUES];
      expect(value).toBeTruthy();
      const message = refusal(productionEnv({ [name]: value }));
      expect(message).toContain(`${name}: is the public demo value`);
    });

    it('refuses APP_DATABASE_URL carrying the demo password of the app role, encoded or not', () => {
      const password = DEMO_VALUES.APP_DB_PASSWORD;
      for (const url of [
        `postgres://kantinekort_app:${password}@db.internal:5432/kantinekort`,
        `postgres://kantinekort_app:${encodeURIComponent(password).replace(/-/g, '%2D')}@db.internal/kantinekort`,
      ]) {
        expect(refusal(productionEnv({ APP_DATABASE_URL: url }))).toContain(
          'APP_DATABASE_URL: is the public demo value',
        );
      }
    });

    it("refuses the MitID stand-in's demo client secret as any secret", () => {
      expect(isDemoSecret(DEMO_OIDC_CLIENT_SECRET)).toBe(true);
      const padded = DEMO_OIDC_CLIENT_SECRET.padEnd(32, DEMO_OIDC_CLIENT_SECRET);
      expect(isDemoSecret(padded)).toBe(false);
      expect(refusal(productionEnv({ SESSION_SECRET: DEMO_OIDC_CLIENT_SECRET }))).toContain('SESSION_SECRET');
    });

    it('accepts secrets of its own and keeps them as given', () => {
      const source = productionEnv();
      const env = loadEnv(source);
      expect(env.CPR_ENCRYPTION_KEY).toBe(source.CPR_ENCRYPTION_KEY);
      expect(env.SESSION_SECRET).toBe(source.SESSION_SECRET);
      expect(env.PUBLIC_BASE_URL_TEMPLATE).toBe('https://{host}');
      expect(isDemoSecret(env.SESSION_SECRET)).toBe(false);
    });

    it('still checks the shape of a secret: a CPR key of the wrong length or a template without {host}', () => {
      expect(refusal(productionEnv({ CPR_ENCRYPTION_KEY: randomBytes(16).toString('base64') }))).toContain(
        'CPR_ENCRYPTION_KEY:',
      );
      expect(refusal(productionEnv({ SESSION_SECRET: 'kort' }))).toContain('SESSION_SECRET:');
      expect(refusal(productionEnv({ PUBLIC_BASE_URL_TEMPLATE: 'https://portal.example' }))).toContain(
        'PUBLIC_BASE_URL_TEMPLATE:',
      );
      expect(refusal(productionEnv({ PUBLIC_BASE_URL_TEMPLATE: 'https://{host}/portal' }))).toContain(
        'PUBLIC_BASE_URL_TEMPLATE:',
      );
    });
  });

  describe.each(['demo', 'test'])('the explicit %s mode', (mode) => {
    it('fills in every secret and a local public origin, so it needs no configuration', () => {
      const env = loadEnv({ NODE_ENV: mode });
      expect(isRelaxedMode(env)).toBe(true);
      for (const name of ['CPR_ENCRYPTION_KEY', 'CPR_HMAC_KEY', 'MFA_ENCRYPTION_KEY', 'SESSION_SECRET'] as const) {
        expect(env[name]).toBe(DEMO_VALUES[name]);
      }
      expect(env.APP_DB_PASSWORD).toBe(DEMO_VALUES.APP_DB_PASSWORD);
      expect(env.PUBLIC_BASE_URL_TEMPLATE).toBe('http://{host}:3000');
    });

    it('puts the web port into the default origin, and keeps values that are given (empty ones ignored)', () => {
      const own = randomBytes(32).toString('hex');
      const env = loadEnv({ NODE_ENV: mode, WEB_PORT: '4100', SESSION_SECRET: own, CPR_HMAC_KEY: '' });
      expect(env.PUBLIC_BASE_URL_TEMPLATE).toBe('http://{host}:4100');
      expect(env.SESSION_SECRET).toBe(own);
      expect(env.CPR_HMAC_KEY).toBe(DEMO_VALUES.CPR_HMAC_KEY);
    });
  });
});

describe('trustProxySetting', () => {
  it.each([
    ['', false],
    ['false', false],
    [' false ', false],
    ['true', true],
    ['1', 1],
    [' 2 ', 2],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.1, 10.0.0.0/8,,loopback', ['10.0.0.1', '10.0.0.0/8', 'loopback']],
  ])('reads TRUST_PROXY=%j as %j', (value, expected) => {
    expect(trustProxySetting({ TRUST_PROXY: value })).toEqual(expected);
  });

  it('trusts no proxy by default', () => {
    expect(trustProxySetting(loadEnv(productionEnv()))).toBe(false);
    expect(trustProxySetting(loadEnv(productionEnv({ TRUST_PROXY: '1' })))).toBe(1);
  });
});

describe('publicOrigin', () => {
  it('puts the tenant host into the template, scheme and port included', () => {
    expect(publicOrigin({ PUBLIC_BASE_URL_TEMPLATE: 'https://{host}' }, 'kort.sctibs.dk')).toBe(
      'https://kort.sctibs.dk',
    );
    expect(publicOrigin({ PUBLIC_BASE_URL_TEMPLATE: 'http://{host}:3000' }, 'sctibs.localhost')).toBe(
      'http://sctibs.localhost:3000',
    );
    expect(publicOrigin(loadEnv(productionEnv({ PUBLIC_BASE_URL_TEMPLATE: 'https://{host}:8443' })), 'a.dk')).toBe(
      'https://a.dk:8443',
    );
  });
});
