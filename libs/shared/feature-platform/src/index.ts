export * from './lib/platform.module';
export * from './lib/kafka-client-security';
export * from './lib/platform.options';

export * from './lib/bus.lifecycle';
export * from './lib/bootstrap';
export * from './lib/error-shape.filter';
export * from './lib/logging';
