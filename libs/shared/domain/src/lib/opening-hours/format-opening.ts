import { t, textLocaleChain } from '../texts/texts';
import type { SupportedLocale } from '../texts/locale';
import { daysBetween, wallTimeAt } from './zoned-time';

const INTL_LOCALE: Record<SupportedLocale, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * When a person answers, for `status.waitingOutsideHours`'s `{nextOpening}`, in the
 * customer's language and the organisation's time zone: "maandag 09:00" / "Monday 09:00".
 *
 * With `now`: "vandaag 13:00" / "today 13:00" on the same local day, "morgen 09:00" /
 * "tomorrow 09:00" on the next, the weekday within a week, and weekday plus date further
 * out ("maandag 4 januari 09:00" / "Monday 4 January 09:00"). Without `now`: weekday and
 * time. An unsupported locale gets English, like `t`.
 */
export function formatOpening(date: Date, locale: string | null | undefined, timeZone: string, now?: Date): string {
  const language = textLocaleChain(locale)[0]!;
  const wall = wallTimeAt(date, timeZone);
  const time = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
  const intl = INTL_LOCALE[language];
  const weekday = new Intl.DateTimeFormat(intl, { weekday: 'long', timeZone }).format(date);
  if (!now) return `${weekday} ${time}`;
  const days = daysBetween(wallTimeAt(now, timeZone), wall);
  if (days === 0) return `${t('time.today', language)} ${time}`;
  if (days === 1) return `${t('time.tomorrow', language)} ${time}`;
  if (days > 1 && days < 7) return `${weekday} ${time}`;
  const dayMonth = new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'long', timeZone }).format(date);
  return `${weekday} ${dayMonth} ${time}`;
}
