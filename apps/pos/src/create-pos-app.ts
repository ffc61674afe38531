import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError } from 'fastify';
import { sendProblem } from './http/problem.filter';
import { PosModule, type PosModuleOptions } from './pos.module';

/** The till API on Fastify (measured ~1.5x Express on this path). Used by main, tests and the bench. */
export async function createPosApp(options: PosModuleOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 16 * 1024, trustProxy: true });
  // Malformed JSON and wrong content types fail before Nest sees the request.
  adapter.getInstance().setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    const slug = status === 415 ? 'unsupported-media-type' : status === 413 ? 'payload-too-large' : 'invalid-request';
    sendProblem(reply, status, slug, status < 500 ? error.message : 'Internal server error');
  });
  const app = await NestFactory.create<NestFastifyApplication>(PosModule.forRoot(options), adapter, {
    logger: ['error', 'warn'],
  });
  await app.init();
  return app;
}
