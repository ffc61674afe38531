import { LoginAccessEntity } from './login-access.entity';
import { LoginIdentityEntity } from './login-identity.entity';
import { LoginEntity } from './login.entity';
import { PasswordResetEntity } from './password-reset.entity';
import { RelationRequestEntity } from './relation-request.entity';
import { SignupEntity } from './signup.entity';

export {
  LoginAccessEntity,
  LoginEntity,
  LoginIdentityEntity,
  PasswordResetEntity,
  RelationRequestEntity,
  SignupEntity,
};
export type { AccessKind } from './login-access.entity';
export type { RelationRequestStatus } from './relation-request.entity';
export type { SignupStep } from './signup.entity';

/** The identity lib's entities, one per table, for the app's DataSource. */
export const IDENTITY_ENTITIES = [
  LoginEntity,
  LoginIdentityEntity,
  LoginAccessEntity,
  SignupEntity,
  PasswordResetEntity,
  RelationRequestEntity,
];
