export * from './lib/texts';
export * from './lib/opening-hours';
export * from './lib/tenant-settings';
export * from './lib/assistant-prompt';
export * from './lib/personal-data';
