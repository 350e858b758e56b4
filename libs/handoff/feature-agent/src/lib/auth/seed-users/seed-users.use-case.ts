import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantEntity } from '@pegamento/data-access-conversations';
import { insertUserIfAbsent, normaliseEmail, UserEntity, type UserRole } from '@pegamento/handoff-data-access';
import { HANDOFF_FEATURE_CONFIG, type HandoffFeatureConfig } from '../../handoff-feature.config';
import { PasswordHasher } from '../password-hasher';
import { DEMO_USERS, demoUserActive } from './demo-users';
import { displayNameFromEmail } from './display-name.util';

interface Seed {
  role: UserRole;
  email: string | undefined;
  password: string | undefined;
}

/**
 * At start: the DEFAULT_TENANT_ID tenant row (when missing) and the SEED_AGENT_* /
 * SEED_ADMIN_* users in it, when they do not exist yet. An existing user is never
 * changed, so a changed SEED_*_PASSWORD does not overwrite a password set since.
 *
 * Standalone only (DEMO_USERS): for a role without SEED_* the demo account (demo-users.ts)
 * is created, or switched on again, with a warning in the log; when DEMO_USERS is off or a
 * real user of the role is configured, an existing demo account is switched off, so its
 * public password never outlives the demo.
 */
@Injectable()
export class SeedUsersUseCase implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedUsersUseCase.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(HANDOFF_FEATURE_CONFIG) private readonly config: HandoffFeatureConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.execute();
  }

  async execute(): Promise<void> {
    const tenantId = this.config.DEFAULT_TENANT_ID;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(TenantEntity)
      .values({ id: tenantId, name: 'Default', defaultLocale: this.config.DEFAULT_LOCALE, settings: {} })
      .orIgnore()
      .execute();

    const seeds: Seed[] = [
      { role: 'agent', email: this.config.SEED_AGENT_EMAIL, password: this.config.SEED_AGENT_PASSWORD },
      { role: 'admin', email: this.config.SEED_ADMIN_EMAIL, password: this.config.SEED_ADMIN_PASSWORD },
    ];
    for (const seed of seeds) {
      if (!seed.email) continue;
      if (!seed.password) {
        this.logger.warn({ role: seed.role }, `SEED_${seed.role.toUpperCase()}_EMAIL is set without a password: no ${seed.role} seeded`);
        continue;
      }
      const email = normaliseEmail(seed.email);
      if (await this.dataSource.getRepository(UserEntity).existsBy({ tenantId, email })) continue;
      const created = await insertUserIfAbsent(this.dataSource.manager, {
        tenantId,
        email,
        displayName: displayNameFromEmail(email),
        role: seed.role,
        passwordHash: await this.hasher.hash(seed.password),
        available: seed.role === 'agent',
        languages: [...new Set([this.config.DEFAULT_LOCALE, 'nl', 'en'])],
      });
      if (created) this.logger.log({ role: seed.role, tenantId }, `seeded the ${seed.role} user`);
    }
    await this.demoUsers(tenantId);
  }

  private async demoUsers(tenantId: string): Promise<void> {
    const users = this.dataSource.getRepository(UserEntity);
    const active: string[] = [];
    for (const demo of DEMO_USERS) {
      const on = demoUserActive(this.config, demo.role);
      const existing = await users.findOneBy({ tenantId, email: demo.email });
      if (!on) {
        if (existing?.active) {
          await users.update({ id: existing.id }, { active: false });
          this.logger.log({ role: demo.role, tenantId }, `demo ${demo.role} account switched off`);
        }
        continue;
      }
      if (existing) {
        if (!existing.active) await users.update({ id: existing.id }, { active: true });
      } else {
        await insertUserIfAbsent(this.dataSource.manager, {
          tenantId,
          email: demo.email,
          displayName: demo.displayName,
          role: demo.role,
          passwordHash: await this.hasher.hash(demo.password),
          available: demo.role === 'agent',
          languages: [...new Set([this.config.DEFAULT_LOCALE, 'nl', 'en'])],
        });
      }
      active.push(`${demo.role} ${demo.email} / ${demo.password}`);
    }
    if (active.length > 0) {
      this.logger.warn(
        { tenantId },
        `DEMO CREDENTIALS ACTIVE (public, for trying the console at /console only): ${active.join('; ')}. ` +
          'Set SEED_AGENT_*/SEED_ADMIN_* or DEMO_USERS=false before real use.',
      );
    }
  }
}
