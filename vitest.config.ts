import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Node-side tests: core, contract, server, CLI, and the renderer's pure modules (filter,
// store, formatting), which need no DOM. They use real sockets and processes, so they
// run one file at a time per worker and get generous timeouts (a 2-core CI machine).
export default defineConfig({
  // The renderer imports the contract as `@contract/…` (tsconfig.renderer.json's paths).
  resolve: { alias: { '@contract': fileURLToPath(new URL('./electron/contract', import.meta.url)) } },
  test: {
    include: ['electron/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
