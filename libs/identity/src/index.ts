export {
  identityMessage,
  identityTextKey,
  identityFailure,
  type IdentityMessageKey,
  type IdentityField,
  type IdentityFailure,
} from './identity-messages';
export { normalizeEmail, checkEmail, checkCpr, checkCardNumber, type Checked } from './identity-inputs';
export {
  checkPassword,
  passwordLength,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MAX_LENGTH,
  type PasswordCheck,
  type PasswordContext,
} from './password-policy';
export { COMMON_PASSWORDS } from './common-passwords';
export {
  PasswordHasher,
  OWASP_ARGON2ID,
  defaultHashConcurrency,
  type Argon2Parameters,
  type PasswordHasherOptions,
} from './password-hasher';
export {
  generateToken,
  hashToken,
  generateActivationCode,
  normalizeActivationCode,
  isActivationCodeShape,
  hashActivationCode,
  hashesEqual,
  ACTIVATION_CODE_DIGITS,
} from './one-time-token';
export { IdentityModule, type IdentityModuleAsyncOptions, type IdentityModuleOptions } from './identity.module';
export { loginIdOf, type LoginId, type TenantCaller, type LoginCaller, type IdentityMail } from './identity-caller';
export {
  PasswordLoginService,
  MAX_FAILED_LOGINS,
  LOCK_MINUTES,
  type PasswordLoginResult,
  type PasswordSignIn,
} from './password-login/password-login.service';
export { LoginSessionsService, SESSION_MAX_HOURS, type SessionStamp } from './sessions/login-sessions.service';
export {
  PasswordResetService,
  RESET_TOKEN_MINUTES,
  type PasswordResetRequest,
  type ResetPasswordResult,
} from './password-reset/password-reset.service';
export { SIGNUP_STEP_MINUTES, SIGNUP_MAX_ATTEMPTS } from './signup/signups.repository';
export {
  SignupService,
  type StartSignupInput,
  type StartSignupResult,
  type ConfirmStudentInput,
  type ConfirmStudentResult,
  type ConfirmStudentOutcome,
  type ActivationEmail,
  type AlreadyRegisteredEmail,
} from './signup/signup.service';
export {
  SignupActivationService,
  type VerifyActivationCodeResult,
  type ResumeSignupResult,
  type CompleteSignupResult,
} from './signup/signup-activation.service';
export { MyAccountsService, type MyPerson, type MyAccount } from './my-accounts/my-accounts.service';
export {
  OidcLoginService,
  cprMatchUrl,
  type OidcLogin,
  type LinkIdentityInput,
  type LinkIdentityResult,
  type BrokerLogin,
  type PendingBrokerIdentity,
  type AfterBrokerLogin,
  type CprStepOutcome,
} from './oidc/oidc-login.service';
export { cprVouchedByBroker, type BrokerVouchedCpr } from './oidc/broker-vouched-cpr';
export type { CprGuess, CprGuessLimiter } from './oidc/cpr-guess-limiter';
export {
  RelationsService,
  type RelationsCaller,
  type AddRelationInput,
  type AddRelationResult,
  type MyRelationRequest,
  type RelationRequestToDecide,
  type RelationDecision,
  type DecideRelationResult,
} from './relations/relations.service';
export { RelationsModule } from './relations/relations.module';
export { LoginAccessRepository } from './relations/login-access.repository';
export { LoginsRepository } from './logins/logins.repository';
export {
  LoginEntity,
  LoginIdentityEntity,
  LoginAccessEntity,
  SignupEntity,
  PasswordResetEntity,
  RelationRequestEntity,
  IDENTITY_ENTITIES,
  type AccessKind,
  type RelationRequestStatus,
  type SignupStep,
} from './entities';
export { askBrokerCprMatch, type CprMatchAnswer } from './broker-cpr-match';
export { generateTotpSecret, totpKeyUri, TOTP_SECRET_BYTES, type TotpKeyUriInput } from './totp/totp-enrolment';
export {
  verifyTotpCode,
  normalizeTotpCode,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  type TotpCodeInput,
  type TotpVerification,
  type TotpRefusal,
} from './totp/totp-verifier';
export { TotpSecretBox, TotpSecretBoxError, type TotpSecretBoxOptions } from './totp/totp-secret-box';
export { TwoFactorService, type TwoFactorState, type TotpEnrolment, type TotpCheck } from './totp/two-factor.service';
export {
  AdminInvitationsService,
  ADMIN_INVITATION_DAYS,
  type AdminInvitation,
} from './admins/admin-invitations.service';
export { AdminsModule } from './admins/admins.module';
export { AdminEntity } from './admins/admin.entity';
