/**
 * Password-protected mail for recipients without keys (issue #22): the payload, the KDF profiles, password
 * encryption and opening, suggestions and strength, the reply. Pure TS; the self-contained HTML file
 * (extension/password-file/) and the worker both build on it. See password-mail.design.md.
 */
export { argon2Profile, gpgCompatibleProfile, defaultArgon2, checkArgon2, checkFloor, argon2MemoryMiB, maxIterationCountByte,
  type Argon2Params, type KdfProfile, type KdfFloor } from './kdf-profile';
export { buildPayload, parsePayload, type Payload, type PayloadAttachment } from './payload';
export { encryptForPassword, normalizePassword, profileConfig, type PasswordEncryptOptions } from './encrypt';
export { openPasswordMessage, PasswordMailError, type PasswordFailure } from './open';
export { suggestPassword, looksSuggested, suggestionBits } from './suggest';
export { estimateStrength, levelFloor, type Strength, type StrengthLevel } from './strength';
export { encryptReply, readPasswordReply, type PasswordReply } from './reply';
export { sealPasswordMail, type PasswordMailInput, type SealedPasswordMail } from './seal';
export { fillPasswordFile, dataPlaceholder, messageElementId, metaElementId, type PasswordFileMeta } from './html-file';
