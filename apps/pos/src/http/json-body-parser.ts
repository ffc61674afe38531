import type { FastifyInstance } from 'fastify';

/**
 * application/json exactly as Fastify's own secure parser reads it (secure-json-parse:
 * `__proto__` and `constructor.prototype` refused, bad JSON a 400; the body limit and
 * other content types are untouched), except that an empty body is no body: tills send
 * `Content-Type: application/json` on the body-less reversal. Replaces the parser Nest
 * registered during init, so it must run after `app.init()` and before listening.
 */
export function acceptEmptyJsonBody(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body: string, done) => {
    if (body.length === 0) {
      done(null, undefined);
      return;
    }
    // The callback form; `void` only because the type also admits a promise-returning parser.
    void parseJson(request, body, done);
  });
}
