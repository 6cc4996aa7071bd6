// ESM + ts-jest: run with `node --experimental-vm-modules` (see package.json "test").
import { availableParallelism } from 'node:os'

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // Longest first, also on a fresh clone without Jest's timings (see the file).
  testSequencer: '<rootDir>/jest.sequencer.js',
  testTimeout: 60000,
  // Four workers even on two cores (Jest's default is cores - 1): an end-to-end test mostly
  // waits on the action's process or on a deadline, and the other workers use that time.
  maxWorkers: Math.max(4, availableParallelism() - 1),
  // Not under the system's temporary directory: `npm test` checks that tests leave it as found.
  cacheDirectory: 'node_modules/.cache/jest',
  verbose: false
}
