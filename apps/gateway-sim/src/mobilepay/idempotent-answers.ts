import { createHash } from 'node:crypto';
import { MobilePayProblem } from './mobilepay-problems';

/**
 * Vipps MobilePay's Idempotency-Key: the same key with the same request gets the first answer
 * again and changes nothing; the same key with another request is a conflict.
 */
export class IdempotentAnswers<T> {
  private readonly answers = new Map<string, { readonly fingerprint: string; readonly answer: T }>();

  /** The earlier answer for this key, if the same request was made with it. */
  replay(key: string, request: unknown): T | undefined {
    const earlier = this.answers.get(key);
    if (!earlier) return undefined;
    if (earlier.fingerprint !== fingerprint(request)) {
      throw new MobilePayProblem(
        409,
        'idempotency-conflict',
        'Conflict',
        'The Idempotency-Key was already used for a different request.',
      );
    }
    return earlier.answer;
  }

  remember(key: string, request: unknown, answer: T): T {
    this.answers.set(key, { fingerprint: fingerprint(request), answer });
    return answer;
  }

  clear(): void {
    this.answers.clear();
  }
}

function fingerprint(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}
