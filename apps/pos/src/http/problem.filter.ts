import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, problemBody } from './problem';

const SLUGS: Record<number, string> = {
  400: 'invalid-request',
  401: 'unauthorized',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  slug: string,
  detail: string,
  extra?: ProblemException,
): void {
  for (const [name, value] of Object.entries(extra?.headers ?? {})) void reply.header(name, value);
  void reply
    .status(status)
    .header('content-type', 'application/problem+json')
    .send(problemBody(status, slug, detail, extra?.errors));
}

/** Every error leaves the POS API as application/problem+json; internals are logged, not sent. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('PosApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof ProblemException) {
      sendProblem(reply, exception.getStatus(), exception.slug, exception.message, exception);
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      sendProblem(reply, status, SLUGS[status] ?? 'error', exception.message);
      return;
    }
    this.logInternal(http.getRequest<FastifyRequest>(), exception);
    sendProblem(
      reply,
      500,
      'internal-error',
      'The request could not be completed; it is safe to retry with the same Idempotency-Key.',
    );
  }

  // Through the request's own logger (pino-http's, see posHttpLogging), so the line carries its reqId.
  private logInternal(request: FastifyRequest | undefined, exception: unknown): void {
    const log = request?.raw?.log;
    if (log) log.error({ context: 'PosApi', err: exception }, 'request failed');
    else this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  }
}
