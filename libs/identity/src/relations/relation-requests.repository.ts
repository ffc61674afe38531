import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { RelationRequestEntity } from '../entities/relation-request.entity';

/** A pending request as its approver sees it: who asks, to see whom; never a CPR. */
export interface RequestToDecideRow {
  readonly id: string;
  readonly cardholderId: string;
  readonly cardholderName: string;
  readonly requesterEmail: string | null;
  readonly requesterName: string | null;
  readonly createdAt: Date;
}

/** "Tilføj konto" requests of the active tenant transaction's tenant. */
@Injectable()
export class RelationRequestsRepository extends TenantRepository<RelationRequestEntity> {
  constructor() {
    super(RelationRequestEntity);
  }

  /** One pending request per requester and person (the CPR's blind index); a repeat changes nothing. */
  async addPending(request: {
    requesterLoginId: string;
    cardholderId: string | null;
    cprHmac: Buffer;
    cprMasked: string;
  }): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId: this.tenantId, ...request })
      .orIgnore()
      .execute();
  }

  /** A right pair settles the requester's earlier request for the same person. */
  async settlePendingFor(requesterLoginId: string, cprHmac: Buffer): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'withdrawn', decidedAt: () => 'now()', decidedByLoginId: requesterLoginId })
      .where('tenant_id = :tenant AND requester_login_id = :requesterLoginId AND cpr_hmac = :cprHmac', {
        tenant: this.tenantId,
        requesterLoginId,
        cprHmac,
      })
      .andWhere("status = 'pending'")
      .execute();
  }

  pendingOf(requesterLoginId: string): Promise<Pick<RelationRequestEntity, 'id' | 'cprMasked' | 'createdAt'>[]> {
    return this.repo.find({
      select: { id: true, cprMasked: true, createdAt: true },
      where: { tenantId: this.tenantId, requesterLoginId, status: 'pending' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Pending requests on the persons this login sees as 'self', not its own. */
  toDecideBy(loginId: string): Promise<RequestToDecideRow[]> {
    return this.pendingForDecider(loginId)
      .select([
        'r.id AS "id"',
        'r.cardholder_id AS "cardholderId"',
        'ch.name AS "cardholderName"',
        'rl.email AS "requesterEmail"',
        'rch.name AS "requesterName"',
        'r.created_at AS "createdAt"',
      ])
      .innerJoin('cardholders', 'ch', 'ch.tenant_id = r.tenant_id AND ch.id = r.cardholder_id')
      .innerJoin('logins', 'rl', 'rl.tenant_id = r.tenant_id AND rl.id = r.requester_login_id')
      .leftJoin('cardholders', 'rch', 'rch.tenant_id = rl.tenant_id AND rch.id = rl.cardholder_id')
      .orderBy('r.created_at')
      .addOrderBy('r.id')
      .getRawMany<RequestToDecideRow>();
  }

  /** The request, locked, if this login may decide it; undefined for anyone else's or a decided one. */
  async lockForDecider(
    requestId: string,
    loginId: string,
  ): Promise<Pick<RelationRequestEntity, 'requesterLoginId' | 'cardholderId'> | undefined> {
    const row = await this.pendingForDecider(loginId)
      .select(['r.requester_login_id AS "requesterLoginId"', 'r.cardholder_id AS "cardholderId"'])
      .andWhere('r.id = :requestId', { requestId })
      .setLock('pessimistic_write', undefined, ['r'])
      .getRawOne<Pick<RelationRequestEntity, 'requesterLoginId' | 'cardholderId'>>();
    return row ?? undefined;
  }

  async decide(requestId: string, status: 'approved' | 'rejected', decidedByLoginId: string): Promise<void> {
    await this.repo.update(
      { tenantId: this.tenantId, id: requestId },
      { status, decidedAt: () => 'now()', decidedByLoginId },
    );
  }

  /** The requester's own pending request; false when there is none to withdraw. */
  async withdraw(requestId: string, requesterLoginId: string): Promise<boolean> {
    const result = await this.repo.update(
      { tenantId: this.tenantId, id: requestId, requesterLoginId, status: 'pending' },
      { status: 'withdrawn', decidedAt: () => 'now()', decidedByLoginId: requesterLoginId },
    );
    return (result.affected ?? 0) > 0;
  }

  // Who may decide: the logins that see the person as 'self' (the person, or the guardian who signed up).
  private pendingForDecider(loginId: string) {
    return this.repo
      .createQueryBuilder('r')
      .innerJoin(
        'login_access',
        'la',
        "la.tenant_id = r.tenant_id AND la.cardholder_id = r.cardholder_id AND la.login_id = :loginId AND la.kind = 'self'",
        { loginId },
      )
      .where("r.tenant_id = :tenant AND r.status = 'pending' AND r.requester_login_id <> :loginId", {
        tenant: this.tenantId,
        loginId,
      });
  }
}
