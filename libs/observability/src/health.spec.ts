import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { HealthChecks, HealthModule, type PingableDatabase, type PingableRedis, type ReadinessTargets } from './health';

describe('HealthChecks', () => {
  const contexts: INestApplicationContext[] = [];
  afterAll(() => Promise.all(contexts.map((context) => context.close())));

  async function checksFor(targets: ReadinessTargets): Promise<HealthChecks> {
    const context = await NestFactory.createApplicationContext(HealthModule.forRoot(targets), { logger: false });
    contexts.push(context);
    return context.get(HealthChecks);
  }
  const database = (query: () => Promise<unknown>, isInitialized = true): PingableDatabase => ({
    isInitialized,
    query,
  });
  const redis = (status: string, ping: () => Promise<string> = async () => 'PONG'): PingableRedis => ({ status, ping });

  it('is live while the process answers, whatever its dependencies do', async () => {
    const checks = await checksFor({ database: database(() => Promise.reject(new Error('down')), false) });
    const { status, body } = await checks.live();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      info: { process: { status: 'up', uptimeSeconds: expect.any(Number) } },
    });
  });

  it('is ready when the database answers SELECT 1 and Redis answers PING', async () => {
    const asked: string[] = [];
    const checks = await checksFor({
      database: database(async () => asked.push('SELECT 1')),
      redis: redis('ready', async () => (asked.push('PING'), 'PONG')),
    });
    const { status, body } = await checks.ready();
    expect(status).toBe(200);
    expect(body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    expect(asked.sort()).toEqual(['PING', 'SELECT 1']);
  });

  it('answers 503 naming what is down, without the cause (an address, a driver message)', async () => {
    const checks = await checksFor({
      database: database(() => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432'))),
      redis: redis('ready'),
    });
    const { status, body } = await checks.ready();
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'error',
      error: { database: { status: 'down', message: 'database did not answer' } },
      info: { redis: { status: 'up' } },
    });
    expect(JSON.stringify(body)).not.toContain('10.0.0.5');
  });

  it.each([
    ['a destroyed data source', { database: database(async () => 1, false) }, 'database'],
    ['a Redis client that was disconnected', { redis: redis('end') }, 'redis'],
    ['a database that does not answer in time', { database: database(() => new Promise(() => undefined)) }, 'database'],
  ])('is not ready with %s', async (_case, targets: ReadinessTargets, down) => {
    const { status, body } = await (await checksFor(targets)).ready();
    expect(status).toBe(503);
    expect(body.error).toHaveProperty([down, 'status'], 'down');
  });
});
