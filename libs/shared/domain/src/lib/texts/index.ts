export * from './locale';
export * from './texts';
export * from './texts.exception';
export * from './disclosure.constants';
