export * from './note';
export * from './body';
export * from './facts';
export * from './frontMatter';
export * from './comments';
export * from './vocabulary';
