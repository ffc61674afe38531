import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

/** Nexi's error body for refusals that are not field validation: declines, wrong state, unknown ids. */
export interface NexiErrorBody {
  readonly message: string;
  readonly code: string;
  readonly source: string;
}

/** A missing or unknown secret key: Nexi answers 401 with no body. */
export class NexiUnauthorizedError extends Error {
  constructor() {
    super('unauthorized');
  }
}

/** Field validation: 400 with `{ errors: { "<field path>": ["<message>", …] } }`, as Nexi's API reference shows. */
export class NexiValidationError extends Error {
  constructor(readonly errors: Readonly<Record<string, readonly string[]>>) {
    super(Object.keys(errors).join(', '));
  }
}

export class NexiApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: NexiErrorBody,
  ) {
    super(body.message);
  }
}

export function nexiNotFound(what: string, id: string): NexiApiError {
  return new NexiApiError(404, { message: `${what} ${id} was not found`, code: '404', source: 'Internal' });
}

/** A request the payment's state does not allow (charging more than reserved, cancelling a charged payment …). */
export function nexiRefused(message: string): NexiApiError {
  return new NexiApiError(400, { message, code: '400', source: 'Internal' });
}

/** Collects field problems so that one answer names all of them, as Nexi's does. */
export class FieldProblems {
  private readonly problems: Record<string, string[]> = {};

  add(path: string, message: string): void {
    (this.problems[path] ??= []).push(message);
  }

  throwIfAny(): void {
    if (Object.keys(this.problems).length > 0) throw new NexiValidationError(this.problems);
  }
}

@Catch(NexiUnauthorizedError, NexiValidationError, NexiApiError)
export class NexiExceptionFilter implements ExceptionFilter {
  catch(error: NexiUnauthorizedError | NexiValidationError | NexiApiError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof NexiUnauthorizedError) {
      res.status(401).end();
    } else if (error instanceof NexiValidationError) {
      res.status(400).json({ errors: error.errors });
    } else {
      res.status(error.status).json(error.body);
    }
  }
}
