export * from './lib/access-token.service';
export * from './lib/agent-auth.guard';
export * from './lib/auth.module';
export * from './lib/jwt-secret';
