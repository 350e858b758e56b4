import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ensureTenant } from '@pegamento/data-access-conversations';
import { tenantSettingsSchema } from '@pegamento/shared-domain';
import { Authenticated, CurrentAgent, type AgentPrincipal } from '@pegamento/util-auth';
import { httpError, parseRequest } from '@pegamento/util-http';
import { ComplianceReportQuery } from './compliance-report.query';

const DAY_MS = 86_400_000;
const periodSchema = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() });

/** Admin routes of the policy: the compliance report (R07) and the tenant's policy settings. */
@Controller('api/v1')
export class ComplianceController {
  constructor(
    private readonly report: ComplianceReportQuery,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('compliance/report')
  @Authenticated('admin')
  async complianceReport(@Query() query: unknown, @CurrentAgent() admin: AgentPrincipal) {
    const period = parseRequest(periodSchema, query, 'query');
    const to = period.to ? new Date(period.to) : new Date();
    const from = period.from ? new Date(period.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw httpError(400, 'invalid_period', '"from" must be before "to".');
    if (to.getTime() - from.getTime() > 366 * DAY_MS) throw httpError(400, 'invalid_period', 'A report covers at most 366 days.');
    return this.report.run(admin.tenantId, from, to);
  }

  @Get('admin/tenant/settings')
  @Authenticated('admin')
  async settings(@CurrentAgent() admin: AgentPrincipal) {
    const tenant = await ensureTenant(this.dataSource.manager, admin.tenantId, 'nl');
    return { settings: tenantSettingsSchema.parse(tenant.settings) };
  }

  /** Opening hours, human routes, escalation triggers, auto-assignment. The disclosure is not a setting (R02). */
  @Put('admin/tenant/settings')
  @Authenticated('admin')
  async updateSettings(@Body() body: unknown, @CurrentAgent() admin: AgentPrincipal) {
    const settings = parseRequest(tenantSettingsSchema, body);
    await ensureTenant(this.dataSource.manager, admin.tenantId, 'nl');
    await this.dataSource.query(`UPDATE tenants SET settings = $2::jsonb, updated_at = now() WHERE id = $1`, [admin.tenantId, JSON.stringify(settings)]);
    return { settings };
  }
}
