export * from './enums.js';
export * from './schemas.js';
export * from './permissions.js';
export * from './ledger.js';
export * from './dispatch.js';
export * from './citizens.js';
export * from './home.js';
export * from './audit-labels.js';
