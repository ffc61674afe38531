import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { CprCipher } from '@kk/cardholders';
import { inTenant } from '@kk/database';
import {
  addRelation,
  decideRelationRequest,
  listRelationRequests,
  myPendingRequests,
  withdrawRelationRequest,
  type AddRelationResult,
  type DecideRelationResult,
  type IdentityFailure,
  type MyRelationRequest,
  type RelationDecision,
  type RelationRequestToDecide,
} from '@kk/identity';
import type { TenantConfig } from '@kk/tenancy';

/** "Tilføj konto" and "Godkend tilknytninger": one tenant transaction per call; the lib decides who may. */
@Injectable()
export class RelationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: CprCipher,
  ) {}

  add(tenant: TenantConfig, loginId: string, cpr: string, cardNumber: string): Promise<AddRelationResult> {
    return inTenant(this.dataSource, tenant.slug, (tx) =>
      addRelation(tx, this.cipher, loginId, { cpr, cardNumber, cardNumberRule: tenant.cardNumber }),
    );
  }

  myPending(tenantId: string, loginId: string): Promise<MyRelationRequest[]> {
    return inTenant(this.dataSource, tenantId, (tx) => myPendingRequests(tx, loginId));
  }

  toDecide(tenantId: string, loginId: string): Promise<RelationRequestToDecide[]> {
    return inTenant(this.dataSource, tenantId, (tx) => listRelationRequests(tx, loginId));
  }

  decide(
    tenantId: string,
    loginId: string,
    requestId: string,
    decision: RelationDecision,
  ): Promise<DecideRelationResult> {
    return inTenant(this.dataSource, tenantId, (tx) => decideRelationRequest(tx, loginId, requestId, decision));
  }

  withdraw(tenantId: string, loginId: string, requestId: string): Promise<{ readonly ok: true } | IdentityFailure> {
    return inTenant(this.dataSource, tenantId, (tx) => withdrawRelationRequest(tx, loginId, requestId));
  }
}
