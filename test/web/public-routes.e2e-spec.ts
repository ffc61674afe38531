import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IS_PUBLIC_KEY } from '../../apps/web/src/auth/public.decorator';
import { createWebApp } from '../../apps/web/src/web-app.factory';

interface Route {
  name: string;
  declared: boolean;
}

/** Every route handler of the app, and whether it is marked @Public() or carries a guard. */
function routes(app: NestExpressApplication): Route[] {
  const found: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype;
      if (typeof controller !== 'function') continue;
      const prototype: object = controller.prototype;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler: unknown = Reflect.get(prototype, key);
        if (key === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const marked = (metadataKey: string): boolean =>
          Boolean(Reflect.getMetadata(metadataKey, handler) ?? Reflect.getMetadata(metadataKey, controller));
        found.push({
          name: `${controller.name}.${key} (${String(Reflect.getMetadata(PATH_METADATA, handler))})`,
          declared: marked(IS_PUBLIC_KEY) || marked(GUARDS_METADATA),
        });
      }
    }
  }
  return found;
}

describe('web routes (e2e)', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createWebApp({ logger: false });
  });

  afterAll(async () => {
    await app.close();
  });

  it('finds the routes', () => {
    expect(routes(app).length).toBeGreaterThanOrEqual(3);
  });

  it('marks every route either @Public() or guarded', () => {
    expect(
      routes(app)
        .filter((route) => !route.declared)
        .map((route) => route.name),
    ).toEqual([]);
  });
});
