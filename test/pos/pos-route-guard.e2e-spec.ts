import request from 'supertest';
import { declaredRoutes } from '@kk/testing';
import { IS_PUBLIC } from '../../apps/pos/src/http/public.decorator';
import { startPosTestApp, type PosTestApp } from './pos-test-app';

/** Every route Nest registered, read from the controllers' own metadata. */
const routesOf = (pos: PosTestApp) => declaredRoutes(pos.app, IS_PUBLIC);

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
    expect(routes.filter((r) => r.isPublic).map((r) => r.path)).toEqual([
      '/pos/v1/openapi.json',
      // Probes and the scrape (OpsController): no till key, no tenant data.
      '/health/live',
      '/health/ready',
      '/metrics',
    ]);
  });
});
