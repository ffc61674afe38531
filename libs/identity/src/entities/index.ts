import { LoginAccessEntity } from './login-access.entity';
import { LoginIdentityEntity } from './login-identity.entity';
import { LoginEntity } from './login.entity';
import { RelationRequestEntity } from './relation-request.entity';

export { LoginAccessEntity, LoginEntity, LoginIdentityEntity, RelationRequestEntity };
export type { AccessKind } from './login-access.entity';
export type { RelationRequestStatus } from './relation-request.entity';

/** The identity lib's entities (so far: logins, identities, access, relation requests), for the app's DataSource. */
export const IDENTITY_ENTITIES = [LoginEntity, LoginIdentityEntity, LoginAccessEntity, RelationRequestEntity];
