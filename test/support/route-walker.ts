import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

/** One route handler of an app, as its controller's metadata declares it. */
export interface DeclaredRoute {
  /** `Controller.method (/path)`, for failure messages. */
  readonly name: string;
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The full path, each `:param` replaced by `x1` so it can be requested. */
  readonly path: string;
  /** The handler or its controller carries the app's public marker. */
  readonly isPublic: boolean;
}

/**
 * Every route handler of a Nest app, read from its controllers' own metadata (not from a
 * list someone keeps): the route walks of both apps fail on a route that is neither guarded
 * nor explicitly public. `publicKey` is the app's `@Public()` metadata key.
 */
export function declaredRoutes(app: INestApplication, publicKey: string): DeclaredRoute[] {
  const found: DeclaredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (typeof controller !== 'function') continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const classPublic = Reflect.getMetadata(publicKey, controller) === true;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (verb === undefined) continue;
        const path = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const full = `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/:\w+/g, 'x1');
        found.push({
          name: `${controller.name}.${key} (${full})`,
          method: RequestMethod[verb].toLowerCase() as DeclaredRoute['method'],
          path: full,
          isPublic: classPublic || Reflect.getMetadata(publicKey, handler) === true,
        });
      }
    }
  }
  return found;
}
