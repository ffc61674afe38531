import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { answerClientError, answerFrameworkError } from './http/framework-errors';
import { acceptEmptyJsonBody } from './http/json-body-parser';
import { PosModule, type PosModuleOptions } from './pos.module';

/**
 * The till API on Fastify (measured ~1.5x Express on this path). Used by main, tests and
 * the bench. Body-parser errors (bad JSON, wrong content type, too large) reach Nest's
 * exception layer, so the ProblemFilter answers them as problem+json too; what Fastify and
 * Node answer before that (bad URLs, malformed HTTP) is made problem+json here.
 */
export async function createPosApp(options: PosModuleOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 16 * 1024,
    trustProxy: options.trustProxy ?? false,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(PosModule.forRoot(options), adapter, {
    logger: ['error', 'warn'],
  });
  await app.init();
  acceptEmptyJsonBody(app.getHttpAdapter().getInstance());
  return app;
}
