/** Twilio's "Cannot delete this resource before it is complete": a message Twilio is still processing. */
export const TWILIO_NOT_COMPLETE = '20009';

/**
 * What to do after `DELETE /Messages/{Sid}` failed (R20, erasure): a 404 means the message
 * is already gone (done); 20009 (still being processed, Twilio asks to wait a minute or
 * more), a 429, a 5xx or no answer may work later; any other error (401, 403: wrong
 * credentials or account) never will by itself.
 */
export function classifyDeleteFailure(failure: { httpStatus: number | null; code: string | null }): 'gone' | 'retry' | 'give_up' {
  if (failure.code === TWILIO_NOT_COMPLETE) return 'retry';
  if (failure.httpStatus === 404) return 'gone';
  if (failure.httpStatus === null || failure.httpStatus === 429 || failure.httpStatus >= 500) return 'retry';
  return 'give_up';
}
