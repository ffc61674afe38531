import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { TillEntity, UnitEntity } from './till.entities';

@Injectable()
export class UnitsRepository extends TenantRepository<UnitEntity> {
  constructor() {
    super(UnitEntity);
  }

  /** Undefined when the tenant already has a unit of that name (the names are unique). */
  async create(name: string): Promise<UnitEntity | undefined> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId: this.tenantId, name })
      .orIgnore()
      .returning(['id', 'name', 'created_at'])
      .execute();
    const [row] = result.raw as { id: string; name: string; created_at: Date }[];
    return row && { tenantId: this.tenantId, id: row.id, name: row.name, createdAt: row.created_at };
  }

  async exists(id: string): Promise<boolean> {
    return this.repo.exists({ where: { tenantId: this.tenantId, id } });
  }
}

@Injectable()
export class TillsRepository extends TenantRepository<TillEntity> {
  constructor() {
    super(TillEntity);
  }

  async create(till: { unitId: string; name: string; apiKeyHash: Buffer }): Promise<string> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId: this.tenantId, ...till })
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[])[0].id;
  }
}
