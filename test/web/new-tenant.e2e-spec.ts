import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { TenantConfigError } from '@kk/tenancy';
import { createWebApp } from '../../apps/web/src/web-app.factory';

const shippedTenants = join(__dirname, '../../tenants');

describe('adding a tenant (e2e)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kk-web-tenants-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // The operator's recipe from tenants/README.md: copy a folder, edit tenant.yaml, restart.
  it('serves a copied and edited tenant folder without any code change', async () => {
    cpSync(join(shippedTenants, 'sctibs'), join(dir, 'nordskolen'), { recursive: true });
    const file = join(dir, 'nordskolen', 'tenant.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('Sct. Ibs Kantinekort', 'Nordskolens Kantinekort')
        .replace('sctibs.localhost', 'nordskolen.localhost')
        .replace("primaryColor: '#1d4e89'", "primaryColor: '#0b5d1e'"),
    );
    const app = await createWebApp({ tenants: { dir }, logger: false });
    try {
      const response = await request(app.getHttpServer()).get('/').set('Host', 'nordskolen.localhost:3000').expect(200);

      expect(response.text).toContain('Velkommen til Nordskolens Kantinekort');
      expect(response.text).toContain('--color-primary: #0b5d1e;');
      await request(app.getHttpServer()).get('/').set('Host', 'sctibs.localhost').expect(404);
    } finally {
      await app.close();
    }
  });

  it('refuses to start with a bad tenant.yaml, naming file and key', async () => {
    cpSync(join(shippedTenants, 'gladsaxe'), join(dir, 'gladsaxe'), { recursive: true });
    const file = join(dir, 'gladsaxe', 'tenant.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('mode: contact', 'mode: phone'));

    const started = createWebApp({ tenants: { dir }, logger: false });

    await expect(started).rejects.toBeInstanceOf(TenantConfigError);
    await expect(started).rejects.toThrow(`${file}: features.payouts.mode: must be "self_service" or "contact"`);
  });
});
