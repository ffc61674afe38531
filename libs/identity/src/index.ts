export {
  IDENTITY_MESSAGES,
  identityMessage,
  identityFailure,
  type IdentityMessageKey,
  type IdentityLanguage,
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
export { PasswordHasher, OWASP_ARGON2ID, type Argon2Parameters } from './password-hasher';
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
export { canAccessAccount, accessKind, type AccessKind } from './cardholder-access';
export { SIGNUP_STEP_MINUTES, SIGNUP_MAX_ATTEMPTS, type SignupStep } from './signup-store';
export {
  startSignup,
  confirmStudent,
  type StartSignupInput,
  type StartSignupResult,
  type ConfirmStudentInput,
  type ConfirmStudentResult,
  type ActivationEmail,
  type AlreadyRegisteredEmail,
} from './email-signup';
export {
  verifyActivationCode,
  resumeSignup,
  completeSignup,
  type VerifyActivationCodeResult,
  type ResumeSignupResult,
  type CompleteSignupResult,
} from './signup-activation';
export { loginWithPassword, MAX_FAILED_LOGINS, LOCK_MINUTES, type PasswordLoginResult } from './password-login';
export { sessionIsValid, endAllSessions, stampSession, SESSION_MAX_HOURS, type SessionStamp } from './login-session';
export {
  requestPasswordReset,
  isResetTokenValid,
  resetPassword,
  RESET_TOKEN_MINUTES,
  type PasswordResetRequest,
  type ResetPasswordResult,
} from './password-reset';
export {
  findLoginByIdentity,
  linkIdentityWithVouchedCpr,
  cprVouchedByBroker,
  type BrokerVouchedCpr,
  type OidcLogin,
  type LinkIdentityInput,
  type LinkIdentityResult,
} from './oidc-identity';
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
export {
  LoginEntity,
  LoginIdentityEntity,
  LoginAccessEntity,
  RelationRequestEntity,
  IDENTITY_ENTITIES,
  type RelationRequestStatus,
} from './entities';
export { listMyAccounts, type MyPerson, type MyAccount } from './my-accounts';
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
export {
  twoFactorState,
  startTotpEnrolment,
  pendingTotpEnrolment,
  confirmTotpEnrolment,
  verifyTwoFactorCode,
  disableTwoFactor,
  type TwoFactorState,
  type TotpEnrolment,
  type TotpCheck,
} from './totp/two-factor';
export {
  AdminInvitationsService,
  ADMIN_INVITATION_DAYS,
  type AdminInvitation,
} from './admins/admin-invitations.service';
export { AdminsModule } from './admins/admins.module';
export { AdminEntity } from './admins/admin.entity';
