import { HttpStatus } from '@nestjs/common';
import { notFound, ProblemException } from '../http/problem';

/** The purchase routes' refusals, in the contract's problem shape (CONTRACTS.md). */
export const idempotencyKeyReused = () =>
  new ProblemException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'idempotency-key-reused',
    'This Idempotency-Key was already used by this till with a different request body.',
  );

export const noSuchPurchase = () => notFound('No purchase with this id was made by this till.');

export const notReversible = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'not-reversible',
    'Only an approved purchase can be reversed; this one was declined.',
  );
