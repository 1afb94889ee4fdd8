export const TEST_DEMO_PASSWORD = 'Demo-Passw0rd!2026';
export const TEST_DATA_KEY = Buffer.alloc(32, 7);
