/** Why a value could not be encrypted or decrypted, or why the keys are not usable. */
export enum FieldCryptoErrorCode {
  /** No key ring was set in this process before an encrypted column was used. */
  KeysNotSet = 'keys_not_set',
  /** The value names a key id this process does not have (DATA_ENCRYPTION_KEYS lacks it). */
  UnknownKey = 'unknown_key',
  /** The value starts like a ciphertext but is not one (cut off, wrong parts). */
  Malformed = 'malformed',
  /** Authentication failed: ciphertext, tag or associated data changed, or the key is wrong. */
  Tampered = 'tampered',
  /** A key in the configuration is not usable (length, id, duplicates). */
  InvalidKey = 'invalid_key',
}

export class FieldCryptoError extends Error {
  override readonly name = 'FieldCryptoError';
  constructor(
    readonly code: FieldCryptoErrorCode,
    message: string,
  ) {
    super(message);
  }
}
