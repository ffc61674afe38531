import { isUuid } from '@kk/database';
import { Injectable } from '@nestjs/common';
import { CardholdersRepository, CardsRepository, CprCipher, maskCpr, type CardNumberRule } from '@kk/cardholders';
import { TenantTransactions } from '@kk/tenant-transactions';
import type { LoginCaller } from '../identity-caller';
import { checkCardNumber, checkCpr } from '../identity-inputs';
import { identityFailure, identityMessage, type IdentityFailure } from '../identity-messages';
import { LoginAccessRepository } from './login-access.repository';
import { RelationRequestsRepository } from './relation-requests.repository';

/**
 * "Tilføj konto": a login asks to see another person's accounts. CPR + that person's
 * active card number grants access at once. Anything else becomes a request the person
 * approves ("Godkend tilknytninger"), whether the CPR exists or not: an unknown CPR gets
 * the same answer, the same work, and even a request row (that no one can ever approve),
 * so neither the answer nor the requester's own list of pending requests reveals whether
 * a CPR belongs to anyone here. For the same reason the requester is never shown the
 * person's name until access is granted, only the masked CPR they typed.
 *
 * Requests are decided by the logins that see the person as 'self' (the person, or the
 * guardian who signed up for the student), as in the seeds: "the other person must log
 * in and approve". A login that only has a relation cannot let others in.
 *
 * Every method takes its caller first and runs in that tenant's transaction.
 */
const NO_ONE = '00000000-0000-0000-0000-000000000000';

/** Who asks: the tenant and the signed-in login (the lib's LoginCaller, under the name this service exported first). */
export type RelationsCaller = LoginCaller;

export interface AddRelationInput {
  readonly cpr: string;
  /** May be empty: then a request is made. */
  readonly cardNumber: string;
  readonly cardNumberRule?: CardNumberRule;
}

export type AddRelationResult =
  | { readonly ok: true; readonly status: 'granted'; readonly cardholderId: string; readonly message: string }
  | { readonly ok: true; readonly status: 'pending'; readonly message: string }
  | IdentityFailure;

/** The requester's own view: what they typed, masked, and that it awaits approval. */
export interface MyRelationRequest {
  readonly requestId: string;
  readonly cprMasked: string;
  readonly createdAt: Date;
  readonly message: string;
}

/** The approver's view: who asks (email and/or name, never a CPR) to see which of their persons. */
export interface RelationRequestToDecide {
  readonly requestId: string;
  readonly cardholderId: string;
  readonly cardholderName: string;
  readonly requesterEmail: string | null;
  /** Known when the requester logged in with MitID (the login is that person). */
  readonly requesterName: string | null;
  readonly createdAt: Date;
}

export type RelationDecision = 'approve' | 'reject';

export type DecideRelationResult = { readonly ok: true; readonly status: 'approved' | 'rejected' } | IdentityFailure;

@Injectable()
export class RelationsService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly cipher: CprCipher,
    private readonly cardholders: CardholdersRepository,
    private readonly cards: CardsRepository,
    private readonly access: LoginAccessRepository,
    private readonly requests: RelationRequestsRepository,
  ) {}

  add(caller: RelationsCaller, input: AddRelationInput): Promise<AddRelationResult> {
    const cpr = checkCpr(input.cpr);
    if (!cpr.ok) return Promise.resolve(cpr);
    const typedCard =
      input.cardNumber.trim() === '' ? undefined : checkCardNumber(input.cardNumber, input.cardNumberRule);
    if (typedCard && !typedCard.ok) return Promise.resolve(typedCard);
    const cprHmac = this.cipher.blindIndex(cpr.value);

    return this.transactions.run(caller.tenantId, async () => {
      const cardholderId = await this.cardholders.idByCprIndex(cprHmac);
      // An unknown CPR still runs the card query (against no one), so it takes as long.
      const cardMatches = await this.cards.isActiveCardOf(cardholderId ?? NO_ONE, typedCard?.value ?? '');
      if (cardholderId && cardMatches) {
        await this.access.grant(caller.loginId, cardholderId, 'relation');
        await this.requests.settlePendingFor(caller.loginId, cprHmac);
        return { ok: true, status: 'granted', cardholderId, message: identityMessage('relationAdded') };
      }
      await this.requests.addPending({
        requesterLoginId: caller.loginId,
        cardholderId: cardholderId ?? null,
        cprHmac,
        cprMasked: maskCpr(cpr.value),
      });
      return { ok: true, status: 'pending', message: identityMessage('relationPending') };
    });
  }

  async myPending(caller: RelationsCaller): Promise<MyRelationRequest[]> {
    if (!isUuid(caller.loginId)) return [];
    const rows = await this.transactions.run(caller.tenantId, () => this.requests.pendingOf(caller.loginId));
    return rows.map((r) => ({
      requestId: r.id,
      cprMasked: r.cprMasked,
      createdAt: r.createdAt,
      message: identityMessage('relationPending'),
    }));
  }

  async toDecide(caller: RelationsCaller): Promise<RelationRequestToDecide[]> {
    if (!isUuid(caller.loginId)) return [];
    const rows = await this.transactions.run(caller.tenantId, () => this.requests.toDecideBy(caller.loginId));
    return rows.map(({ id, ...rest }) => ({ requestId: id, ...rest }));
  }

  /** Someone else's request, or one already decided, is "not found": ids reveal nothing. */
  decide(caller: RelationsCaller, requestId: string, decision: RelationDecision): Promise<DecideRelationResult> {
    if (!isUuid(caller.loginId) || !isUuid(requestId))
      return Promise.resolve(identityFailure('form', 'requestNotFound'));
    return this.transactions.run(caller.tenantId, async () => {
      const request = await this.requests.lockForDecider(requestId, caller.loginId);
      if (!request?.cardholderId) return identityFailure('form', 'requestNotFound');
      const status = decision === 'approve' ? 'approved' : 'rejected';
      if (status === 'approved') await this.access.grant(request.requesterLoginId, request.cardholderId, 'relation');
      await this.requests.decide(requestId, status, caller.loginId);
      return { ok: true, status };
    });
  }

  /** "Slet tilknytning" on one's own pending request. */
  async withdraw(caller: RelationsCaller, requestId: string): Promise<{ readonly ok: true } | IdentityFailure> {
    if (!isUuid(caller.loginId) || !isUuid(requestId)) return identityFailure('form', 'requestNotFound');
    const withdrawn = await this.transactions.run(caller.tenantId, () =>
      this.requests.withdraw(requestId, caller.loginId),
    );
    return withdrawn ? { ok: true } : identityFailure('form', 'requestNotFound');
  }
}
