import { Injectable } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import { generateTillKey, hashTillKey } from '@kk/pos-authorization';
import { TillsRepository, UnitsRepository } from './tills.repository';

export type CreateUnitResult =
  | { readonly ok: true; readonly id: string; readonly name: string }
  | { readonly ok: false; readonly reason: 'nameTaken' };

export type CreateTillResult =
  | { readonly ok: true; readonly id: string; readonly name: string; readonly unitId: string; readonly apiKey: string }
  | { readonly ok: false; readonly reason: 'unknownUnit' };

/** Units and tills of a tenant: what an operator (and later the tenant admin) sets up. */
@Injectable()
export class TillsService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly units: UnitsRepository,
    private readonly tills: TillsRepository,
  ) {}

  createUnit(caller: { tenantId: string }, name: string): Promise<CreateUnitResult> {
    return this.transactions.run(caller.tenantId, async () => {
      const unit = await this.units.create(name);
      return unit ? { ok: true, id: unit.id, name: unit.name } : { ok: false, reason: 'nameTaken' };
    });
  }

  /** The key is returned only here; the database keeps its hash. */
  createTill(caller: { tenantId: string }, input: { unitId: string; name: string }): Promise<CreateTillResult> {
    const apiKey = generateTillKey(caller.tenantId);
    return this.transactions.run(caller.tenantId, async () => {
      if (!(await this.units.exists(input.unitId))) return { ok: false, reason: 'unknownUnit' };
      const id = await this.tills.create({ unitId: input.unitId, name: input.name, apiKeyHash: hashTillKey(apiKey) });
      return { ok: true, id, name: input.name, unitId: input.unitId, apiKey };
    });
  }
}
