import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/train-models.ts'],
    environment: 'node',
    env: { DOTENV_CONFIG_QUIET: 'true' },
    testTimeout: 20_000,
    pool: 'forks',
  },
});
