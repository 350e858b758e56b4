import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { EVENT_BUS, type EventBus } from '@pegamento/data-access-bus';
import { BusLifecycle } from './bus.lifecycle';

const CHECK_TIMEOUT_MS = 2_000;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly lifecycle: BusLifecycle,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  /** The process runs; says nothing of its dependencies. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready for traffic: the database and the bus answer, and the process is not shutting down. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database').withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('bus')
          .attempt(async () => {
            if (this.lifecycle.isShuttingDown) throw new Error('shutting down');
            await this.bus.ping();
            return { kind: this.bus.kind };
          })
          .withTimeout(CHECK_TIMEOUT_MS),
    ]);
  }
}
