import { HttpException, HttpStatus } from '@nestjs/common';
import type { FieldError } from '@kk/pos-authorization';

/** RFC 9457 problem details, the POS API's only error shape. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
};

export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly slug: string,
    detail: string,
    readonly errors?: readonly FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail, status);
  }
}

export function problemBody(status: number, slug: string, detail: string, errors?: readonly FieldError[]): ProblemBody {
  return {
    type: `https://kantinekort.dk/problems/${slug}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors ? { errors } : {}),
  };
}

export const badRequest = (errors: readonly FieldError[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid; see errors.', errors);
export const notFound = (detail: string) => new ProblemException(HttpStatus.NOT_FOUND, 'not-found', detail);
