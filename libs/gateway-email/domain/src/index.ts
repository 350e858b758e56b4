export * from './lib/loop/auto-reply';
export * from './lib/threading/threading';
export * from './lib/quotes/strip-quoted';
export * from './lib/auth/webhook-token';
export * from './lib/compose/compose-mail';
export * from './lib/delivery/smtp-failure';
