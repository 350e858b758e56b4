export {
  BLOCKING_GUARD_REASONS,
  GUARD_CHANNELS,
  GUARD_REASONS,
  guardAiDraft,
  guardInputSchema,
  REMOVED_LINK_TEXT,
  SAFE_REPLACEMENT_TEXT_KEYS,
  type BlockingGuardReason,
  type GuardChannel,
  type GuardInput,
  type GuardReason,
  type GuardResult,
  type GuardVerdict,
} from './output-guard';
export { findLinkTargets } from './links';
