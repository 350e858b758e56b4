import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WEB_CHAT_CONFIG, type WebChatConfig } from '../web-chat.config';

/** The sample shop's channels answered by people (fictional: a .example address, an Amsterdam number of no one). */
export const DEMO_HUMAN_ROUTES = { phone: '+31 20 123 4567', email: 'klantenservice@voorbeeldwinkel.example' } as const;

/**
 * Standalone only (DEMO_TENANT, default true in `npm start`, absent from every distributed
 * service): on start, a web tenant whose settings have never had human routes gets the
 * sample shop's phone and e-mail, so the demo widget and pages show them (R11). Settings an
 * admin saved (PUT /api/v1/admin/tenant/settings stores humanRoutes, even when empty) are
 * never changed.
 */
@Injectable()
export class DemoTenantSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoTenantSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WEB_CHAT_CONFIG) private readonly config: WebChatConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DEMO_TENANT) return;
    const tenantId = this.config.DEFAULT_TENANT_ID;
    await this.dataSource.query(`INSERT INTO tenants (id, name, default_locale) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [
      tenantId,
      tenantId === 'default' ? 'Default' : tenantId,
      this.config.DEFAULT_LOCALE,
    ]);
    const updated: unknown = await this.dataSource.query(
      `UPDATE tenants SET settings = jsonb_set(settings, '{humanRoutes}', $2::jsonb), updated_at = now()
        WHERE id = $1 AND settings -> 'humanRoutes' IS NULL RETURNING id`,
      [tenantId, JSON.stringify(DEMO_HUMAN_ROUTES)],
    );
    if (Array.isArray(updated) && (Array.isArray(updated[0]) ? updated[0].length : updated.length) > 0) {
      this.logger.log(`gave the demo tenant ${tenantId} the sample shop's phone and e-mail (DEMO_TENANT=false turns this off)`);
    }
  }
}
