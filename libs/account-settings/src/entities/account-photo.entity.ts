import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The photo on an account (Brugeroplysninger, where the tenant has `features.photo`): the
 * portal's own re-encoding of an upload, never the upload itself. At most one per account.
 */
@Entity({ name: 'account_photos' })
export class AccountPhotoEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: 'image/jpeg' | 'image/png';

  /** Read only where the picture is served. */
  @Column({ type: 'bytea', select: false })
  data!: Buffer;

  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  /** Of `data`: the page's image link carries it, so a new photo is never a cached old one. */
  @Column({ type: 'bytea' })
  sha256!: Buffer;

  @Column({ name: 'uploaded_by_login_id', type: 'uuid' })
  uploadedByLoginId!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
