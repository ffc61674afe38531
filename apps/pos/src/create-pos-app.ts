import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { fastifyRequestId, instrumentFastify, MetricsRegistry } from '@kk/observability';
import { answerClientError, answerFrameworkError } from './http/framework-errors';
import { acceptEmptyJsonBody } from './http/json-body-parser';
import { posHttpLogging } from './ops/pos-logging';
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
    // A well-formed X-Request-Id of the caller, else a UUID; the request line carries it.
    genReqId: fastifyRequestId,
    requestIdHeader: false,
  });
  const metrics = options.metrics ?? new MetricsRegistry();
  const logging = posHttpLogging(options.log);
  const module = PosModule.forRoot({ ...options, metrics }, logging.params);
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    // Held until the JSON logger below takes over, so start-up lines are JSON too.
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // Before init: Fastify takes hooks only until it is ready.
  instrumentFastify(app.getHttpAdapter().getInstance(), metrics, logging);
  await app.init();
  acceptEmptyJsonBody(app.getHttpAdapter().getInstance());
  return app;
}
