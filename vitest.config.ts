import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'demo/**/*.test.ts', 'testing/**/*.test.ts', 'bench/**/*.test.ts', 'load/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'components',
          include: ['components/**/*.test.tsx', 'components/**/*.test.ts'],
          environment: 'happy-dom',
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**'],
          env: { TZ: 'UTC' },
          globalSetup: ['./testing/kafka/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // One broker on two cores: run integration files one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
