import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { FastifyInstance } from 'fastify';
import type { FastifyHttpLogging } from './http-logging';
import { UNMATCHED_ROUTE, type MetricsRegistry } from './metrics';
import { isOpsRequest } from './ops-paths';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';

/**
 * Fastify's part of the request id, the request line and the metrics: each reply echoes the
 * request's id (which Fastify took from `fastifyRequestId`), pino-http watches the request
 * (see fastifyHttpLogging), and every answered request is counted by its route pattern
 * (`routeOptions.url`) with Fastify's own timing. Before the app is ready.
 */
export function instrumentFastify(
  fastify: FastifyInstance,
  metrics: MetricsRegistry,
  logging: FastifyHttpLogging,
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    // pino-http keeps an id it finds, so the line carries Fastify's.
    request.raw.id = request.id;
    logging.logRequest(request.raw, reply.raw);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    if (!isOpsRequest(route)) {
      metrics.observeRequest(request.method, route ?? UNMATCHED_ROUTE, reply.statusCode, reply.elapsedTime / 1000);
    }
    done();
  });
}

/**
 * Fastify's `genReqId`. Fastify names the request before pino-http sees it (and pino-http
 * keeps a name it finds), so on Fastify the id is chosen here.
 */
export function fastifyRequestId(req: IncomingMessage): string {
  return requestIdFrom(req.headers[REQUEST_ID_HEADER]);
}

/**
 * Counts every answered request of an Express app by its route pattern (`req.route.path`,
 * set by the router when a route matched), or by the label of a static-file prefix it
 * falls under (`{ '/assets/': '/assets/*' }`). Goes first, before any middleware that may answer.
 */
export function countExpressRequests(metrics: MetricsRegistry, staticPrefixes: Readonly<Record<string, string>> = {}) {
  const prefixes = Object.entries(staticPrefixes);
  const routeOf = (req: Request): string | undefined =>
    routePattern(req) ?? prefixes.find(([prefix]) => req.originalUrl.startsWith(prefix))?.[1];
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = routeOf(req);
      if (isOpsRequest(route)) return;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(req.method, route ?? UNMATCHED_ROUTE, res.statusCode, seconds);
    });
    next();
  };
}

// Nest mounts middleware applied to every route as a route of its own (`/{*path}`); when no
// controller route matched, that is the last route the router saw, and it is no route.
const MIDDLEWARE_CATCH_ALL = /^\/(\{\*\w+\}|\*)$/;

function routePattern(req: Request): string | undefined {
  const route: unknown = req.route;
  if (typeof route !== 'object' || route === null || !('path' in route) || typeof route.path !== 'string') {
    return undefined;
  }
  return MIDDLEWARE_CATCH_ALL.test(route.path) ? undefined : `${req.baseUrl}${route.path}`;
}
