export enum TextsErrorCode {
  /** `t` was asked for a key that no locale has: a programming error. */
  UnknownKey = 'TEXTS_UNKNOWN_KEY',
  /** A `{param}` in the text was not given a value. */
  MissingParam = 'TEXTS_MISSING_PARAM',
}

/** The one exception class of the texts module (conventions: one per module, with a code enum). */
export class TextsException extends Error {
  constructor(
    readonly code: TextsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TextsException';
  }
}
