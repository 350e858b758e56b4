import { Module, type DynamicModule } from '@nestjs/common';
import { AccessTokenService } from './access-token.service';
import { AgentAuthGuard } from './agent-auth.guard';

/** Gives a service the token service and the guard; the secret comes from its validated config. */
@Module({})
export class AuthModule {
  static forRoot(options: { secret: string; ttlSeconds: number; previousSecrets?: readonly string[] }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: AccessTokenService, useValue: new AccessTokenService(options.secret, options.ttlSeconds, options.previousSecrets) }, AgentAuthGuard],
      exports: [AccessTokenService, AgentAuthGuard],
    };
  }
}
