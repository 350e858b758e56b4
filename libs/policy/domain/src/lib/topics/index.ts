export { SENSITIVE_TOPICS, normaliseForMatching, type SensitiveTopic } from './topic-lexicon';
export * from './sensitive-topic';
export * from './frustration';
