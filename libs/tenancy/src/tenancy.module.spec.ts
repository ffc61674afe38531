import { rmSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { TenancyModule } from './tenancy.module';
import { TenantConfigError } from './tenant-config.error';
import { TenantRegistry } from './tenant-registry';
import { minimalTenantYaml, writeTenantsDir } from '@kk/testing';

describe('TenancyModule', () => {
  const good = writeTenantsDir([{ slug: 'school' }]);
  const bad = writeTenantsDir([{ slug: 'school', config: minimalTenantYaml('school', { hosts: 'school.localhost' }) }]);

  afterAll(() => [good, bad].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('loads the registry from a folder while the app starts', async () => {
    const app = await NestFactory.createApplicationContext(TenancyModule.forRoot({ dir: good }), { logger: false });

    expect(app.get(TenantRegistry).byHost('school.localhost')?.slug).toBe('school');
    await app.close();
  });

  it('stops start-up on a bad folder', async () => {
    const starting = NestFactory.createApplicationContext(TenancyModule.forRoot({ dir: bad }), {
      logger: false,
      abortOnError: false,
    });

    await expect(starting).rejects.toBeInstanceOf(TenantConfigError);
  });

  it('provides a given registry as is', async () => {
    const registry = new TenantRegistry([]);
    const app = await NestFactory.createApplicationContext(TenancyModule.forRoot({ registry }), { logger: false });

    expect(app.get(TenantRegistry)).toBe(registry);
    await app.close();
  });
});
