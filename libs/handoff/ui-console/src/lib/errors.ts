import { retryAfterText } from './format';
import type { Translate } from './i18n';

/** Why a call to the API failed: the answer's status and error body, or no answer at all. */
export type ApiFailure =
  | { kind: 'network' }
  | { kind: 'http'; status: number; code: string | null; message: string | null; retryAfterSeconds: number | null };

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.kind === 'network' ? 'network error' : `HTTP ${failure.status}${failure.code ? ` ${failure.code}` : ''}`);
  }
}

/** The text a failed login shows: wrong details, a lockout or rate limit with how long to wait, bad input, no server. */
export function loginErrorText(failure: ApiFailure, t: Translate): string {
  if (failure.kind === 'network') return t('error.network');
  const wait = retryAfterText(failure.retryAfterSeconds ?? 60, t);
  if (failure.status === 429) return failure.code === 'account_locked' ? t('login.locked', { time: wait }) : t('login.rateLimited', { time: wait });
  if (failure.status === 401) return t('login.invalidCredentials');
  if (failure.status === 400 || failure.status === 422) return t('login.invalidRequest');
  return t('error.server');
}

/**
 * The text a failed action shows. A 409 or 4xx with the server's own message shows that message
 * (it says what to do, e.g. outside the WhatsApp window); 401 means the session ended.
 */
export function actionErrorText(failure: ApiFailure, t: Translate): string {
  if (failure.kind === 'network') return t('error.network');
  if (failure.status === 401) return t('error.sessionExpired');
  if (failure.status === 403) return t('error.forbidden');
  if (failure.status === 404) return t('error.notFound');
  if (failure.status === 429) return t('login.rateLimited', { time: retryAfterText(failure.retryAfterSeconds ?? 60, t) });
  if (failure.status >= 500) return t('error.server');
  return failure.message ? t('error.generic', { message: failure.message }) : t('error.server');
}
