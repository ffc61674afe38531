import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problemBody } from './problem';
import { sendProblem } from './problem.filter';

/**
 * What Fastify answers itself, before Nest or the ProblemFilter ever see the request, made
 * problem+json like every other POS error: a path that is not valid percent-encoded UTF-8
 * (e.g. a lone surrogate or an overlong NUL), an over-long path parameter.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, 414, 'uri-too-long', 'A path parameter is longer than any valid value.');
    return;
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    sendProblem(reply, 400, 'invalid-request', 'The request path is not valid percent-encoded UTF-8.');
    return;
  }
  sendProblem(reply, 500, 'internal-error', 'The request could not be routed.');
}

/**
 * Requests Node's HTTP parser refuses (e.g. a control character in a header such as
 * Idempotency-Key, or headers too large) get a problem+json answer on the raw socket, with
 * the statuses Fastify's default handler uses; the connection is then closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = clientErrorStatus(error.code);
  if (socket.writable) {
    const body = JSON.stringify(problemBody(status, status === 400 ? 'invalid-request' : 'client-error', detail));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function clientErrorStatus(code: string | undefined): [number, string] {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'The request was not received in time.'];
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'The request headers are too large.'];
  return [400, 'The request is not valid HTTP (e.g. a control character in a header value).'];
}
