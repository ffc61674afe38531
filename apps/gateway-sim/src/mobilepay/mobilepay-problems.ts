import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { uuid } from '../ids';

const PROBLEM_BASE = 'https://developer.vippsmobilepay.com/docs/APIs/epayment-api/problems#';

export interface ExtraDetail {
  readonly name: string;
  readonly reason: string;
}

/** Vipps MobilePay's errors: RFC 7807 problem+json with type, title, detail, status and traceId. */
export class MobilePayProblem extends Error {
  constructor(
    readonly status: number,
    readonly problemType: string,
    readonly title: string,
    readonly detail: string,
    readonly extraDetails: readonly ExtraDetail[] = [],
  ) {
    super(detail);
  }

  body(): Record<string, unknown> {
    return {
      type: `${PROBLEM_BASE}${this.problemType}`,
      title: this.title,
      detail: this.detail,
      status: this.status,
      traceId: uuid(),
      ...(this.extraDetails.length > 0 ? { extraDetails: this.extraDetails } : {}),
    };
  }
}

export function validationProblem(extraDetails: readonly ExtraDetail[]): MobilePayProblem {
  const detail = extraDetails.map((extra) => `${extra.name}: ${extra.reason}`).join('; ');
  return new MobilePayProblem(400, 'validation-error', 'Bad Request', detail, extraDetails);
}

export function conflictProblem(detail: string): MobilePayProblem {
  return new MobilePayProblem(409, 'conflict', 'Conflict', detail);
}

export function notFoundProblem(detail: string): MobilePayProblem {
  return new MobilePayProblem(404, 'not-found', 'Not Found', detail);
}

export function unauthorizedProblem(detail: string): MobilePayProblem {
  return new MobilePayProblem(401, 'unauthorized', 'Unauthorized', detail);
}

/** What Azure API Management, in front of every Vipps MobilePay API, answers for a bad subscription key. */
export class ApimSubscriptionKeyRefused extends Error {
  constructor() {
    super(
      'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
    );
  }
}

/** The access-token endpoint's refusal of wrong client credentials (an OAuth-style body). */
export class AccessTokenRefused extends Error {}

@Catch(MobilePayProblem, ApimSubscriptionKeyRefused, AccessTokenRefused)
export class MobilePayExceptionFilter implements ExceptionFilter {
  catch(error: MobilePayProblem | ApimSubscriptionKeyRefused | AccessTokenRefused, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof MobilePayProblem) {
      res.status(error.status).type('application/problem+json').send(JSON.stringify(error.body()));
    } else if (error instanceof ApimSubscriptionKeyRefused) {
      res.status(401).json({ statusCode: 401, message: error.message });
    } else {
      res.status(401).json({ error: 'unauthorized_client', error_description: error.message });
    }
  }
}
