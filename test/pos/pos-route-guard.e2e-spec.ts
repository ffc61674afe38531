import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { IS_PUBLIC } from '../../apps/pos/src/http/public.decorator';
import { startPosTestApp, type PosTestApp } from './pos-test-app';

interface Route {
  method: string;
  path: string;
  isPublic: boolean;
}

/** Every route Nest registered, read from the controllers' own metadata. */
function routesOf(pos: PosTestApp): Route[] {
  const routes: Route[] = [];
  for (const module of pos.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const classPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        const full = `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/:\w+/g, 'x1');
        routes.push({ method, path: full, isPublic: classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true });
      }
    }
  }
  return routes;
}

describe('every POS route is guarded or explicitly public', () => {
  let pos: PosTestApp;
  beforeAll(async () => {
    pos = await startPosTestApp();
  });
  afterAll(() => pos.close());

  it('finds the routes of the contract', () => {
    const found = routesOf(pos).map((r) => `${r.method} ${r.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'post /pos/v1/purchases',
        'post /pos/v1/purchases/x1/reversal',
        'get /pos/v1/cards/x1',
        'get /pos/v1/openapi.json',
      ]),
    );
  });

  it('answers 401 without a key on every route not marked @Public()', async () => {
    const routes = routesOf(pos);
    const server = pos.app.getHttpServer();
    for (const route of routes) {
      const res = await request(server)[route.method as 'get' | 'post'](route.path);
      if (route.isPublic) {
        expect([route.path, res.status]).not.toEqual([route.path, 401]);
      } else {
        expect([route.method, route.path, res.status]).toEqual([route.method, route.path, 401]);
      }
    }
    expect(routes.filter((r) => r.isPublic).map((r) => r.path)).toEqual(['/pos/v1/openapi.json']);
  });
});
