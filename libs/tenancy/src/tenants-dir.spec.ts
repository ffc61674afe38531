import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultTenantsDir } from './tenants-dir';

describe('defaultTenantsDir', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'kk-repo-'));
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'tenants'));
    // Like dist/libs/tenancy/src, which holds no package.json of its own.
    mkdirSync(join(root, 'dist', 'libs', 'tenancy', 'src'), { recursive: true });
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prefers TENANTS_DIR', () => {
    expect(defaultTenantsDir({ TENANTS_DIR: 'some/where' }, root)).toBe(resolve('some/where'));
  });

  it('walks up from the compiled folder to the repo root', () => {
    expect(defaultTenantsDir({}, join(root, 'dist', 'libs', 'tenancy', 'src'))).toBe(join(root, 'tenants'));
  });

  it('finds this repository from the source folder', () => {
    expect(defaultTenantsDir({})).toBe(resolve(__dirname, '../../../tenants'));
  });

  it('explains how to fix a missing tenants folder', () => {
    expect(() => defaultTenantsDir({}, tmpdir())).toThrow('set TENANTS_DIR');
  });
});
