export * from './enums.js';
export * from './schemas.js';
export * from './permissions.js';
