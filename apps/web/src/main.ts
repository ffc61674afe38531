import { Logger } from '@nestjs/common';
import { loadEnv } from '@kk/config';
import { TenantRegistry } from '@kk/tenancy';
import { createWebApp } from './web-app.factory';

export { createWebApp } from './web-app.factory';

async function main(): Promise<void> {
  const { WEB_PORT: port } = loadEnv();
  const app = await createWebApp();
  app.enableShutdownHooks();
  await app.listen(port);
  const logger = new Logger('Web');
  for (const tenant of app.get(TenantRegistry).all()) {
    logger.log(`${tenant.productName}: ${tenant.hosts.map((host) => `http://${host}:${port}`).join(', ')}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
