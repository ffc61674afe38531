import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveThemeFile } from './theme-files';
import { writeTenantsDir } from '@kk/testing';

describe('resolveThemeFile', () => {
  const root = writeTenantsDir([{ slug: 'school', themeFiles: ['logo.svg', '.hidden.svg'] }]);
  const tenant = { dir: join(root, 'school') };
  mkdirSync(join(tenant.dir, 'theme', 'sub.svg'));
  writeFileSync(join(tenant.dir, 'theme', 'partial.hbs'), '');

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('returns the path of a file in the theme folder', () => {
    expect(resolveThemeFile(tenant, 'logo.svg')).toBe(join(tenant.dir, 'theme', 'logo.svg'));
  });

  it.each([
    'missing.svg',
    '../tenant.yaml',
    '..%2Ftenant.yaml',
    '.hidden.svg',
    'sub.svg',
    'partial.hbs',
    'a/../logo.svg',
  ])('refuses %p', (name) => {
    expect(resolveThemeFile(tenant, name)).toBeUndefined();
  });
});
