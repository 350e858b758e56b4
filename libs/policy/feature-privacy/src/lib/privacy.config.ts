/** What the privacy feature reads of its app's validated config (util-config privacyEnv). */
export interface PrivacyConfig {
  /** Days data is kept after a conversation's last activity, unless the tenant set its own (R19). */
  RETENTION_DAYS: number;
  /** How often the retention job runs; 0 turns the schedule off (an admin can still run it). */
  RETENTION_INTERVAL_MS: number;
  /** Conversations erased per transaction, so one run never holds long locks. */
  RETENTION_BATCH_SIZE: number;
}

export const PRIVACY_CONFIG = Symbol('PRIVACY_CONFIG');
