import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { WebInfoBody } from '@pegamento/contracts';
import { TenantEntity } from '@pegamento/data-access-conversations';
import { formatOpening, isOpenAt, nextOpeningAt, parseTenantSettings, resolveLocale } from '@pegamento/shared-domain';
import { WEB_CHAT_CONFIG, type WebChatConfig } from '../web-chat.config';

/** The platform's own pages, used when the tenant has not set its own. */
export const PLATFORM_PRIVACY_PATH = '/privacy';
export const PLATFORM_ACCESSIBILITY_PATH = '/accessibility';

/**
 * What a customer needs before the first message (R11, R23, R27): the organisation's
 * other human channels, its privacy notice and accessibility statement (or the
 * platform's own pages), and whether a person is on duty now. Read from the web
 * tenant's settings; reads only, so a public GET never creates a tenant.
 */
@Injectable()
export class WebInfoQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WEB_CHAT_CONFIG) private readonly config: WebChatConfig,
  ) {}

  async execute(localeTag: string | undefined, now = new Date()): Promise<WebInfoBody> {
    const tenant = await this.dataSource.getRepository(TenantEntity).findOneBy({ id: this.config.DEFAULT_TENANT_ID });
    const settings = parseTenantSettings(tenant?.settings ?? {});
    const locale = resolveLocale(localeTag, resolveLocale(tenant?.defaultLocale ?? this.config.DEFAULT_LOCALE));
    const base = (this.config.PUBLIC_BASE_URL ?? '').replace(/\/+$/, '');
    const openNow = isOpenAt(settings.openingHours, now);
    const next = openNow ? null : nextOpeningAt(settings.openingHours, now);
    return {
      locale,
      humanRoutes: { phone: settings.humanRoutes.phone, email: settings.humanRoutes.email },
      privacyNoticeUrl: settings.privacyNoticeUrl ?? `${base}${PLATFORM_PRIVACY_PATH}?lang=${locale}`,
      accessibilityStatementUrl: settings.accessibilityStatementUrl ?? `${base}${PLATFORM_ACCESSIBILITY_PATH}?lang=${locale}`,
      openingHours: {
        openNow,
        nextOpeningAt: next?.toISOString() ?? null,
        nextOpeningText: next ? formatOpening(next, locale, settings.openingHours.timeZone, now) : null,
      },
    };
  }
}
