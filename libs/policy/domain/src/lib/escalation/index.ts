export {
  detectHumanRequest,
  HUMAN_REQUEST_RULE_IDS,
  type HumanRequestDecision,
  type HumanRequestRuleId,
} from './human-request-detector';
export {
  detectHumanRequestWithModel,
  DEFAULT_MODEL_TIMEOUT_MS,
  MODEL_OVERRULE_YES_CONFIDENCE,
  type HumanRequestModel,
} from './human-request-model';
