export {
  WEEKDAYS,
  DEFAULT_OPENING_HOURS,
  ALWAYS_OPEN,
  NEXT_OPENING_HORIZON_DAYS,
  isOpenAt,
  nextOpeningAt,
  type Weekday,
  type ClockTime,
  type OpeningPeriod,
  type OpeningHours,
} from './opening-hours';
export * from './opening-hours.schema';
export * from './format-opening';
export { isValidTimeZone } from './zoned-time';
