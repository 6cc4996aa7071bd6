import { jest } from '@jest/globals'

/**
 * Fake only `Date` (the emulator's clock reads `Date.now()`), leaving every timer real so that
 * sockets and servers work as usual: time stands still until the test moves it with
 * `jest.advanceTimersByTime(ms)`. Undo it with `jest.useRealTimers()`.
 */
export function useFakeDate(): void {
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout'
    ]
  })
}
