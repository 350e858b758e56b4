export * from './personal-data.types';
export * from './validators';
export { detectPersonalData } from './detect-personal-data';
export { Pseudonymiser, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, PLACEHOLDER_PATTERN, neutralisePlaceholderBrackets, type PseudonymiserOptions } from './pseudonymiser';
export { phoneKey } from './detectors/phone.detector';
export * from './model-endpoint';
export { maskSpecialData, SPECIAL_DATA_KINDS, type MaskedText, type SpecialDataBasis, type SpecialDataKind } from './special-data';
