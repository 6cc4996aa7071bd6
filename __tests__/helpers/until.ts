/**
 * The one way tests wait for something to happen: check `done` (which may be async) every
 * `everyMs`, and resolve as soon as it holds; throw, naming `what`, when it still does not hold
 * after `timeoutMs`. It never waits longer than the event takes, so it is no sleep: a test that
 * needs time itself to pass uses a fake clock (`useFakeDate` in ./fake-date.ts) instead.
 */
export async function until(what: string, done: () => boolean | Promise<boolean>, { timeoutMs = 30_000, everyMs = 10 } = {}): Promise<void> {
  // performance.now(), not Date.now(): a test may have faked Date.
  const end = performance.now() + timeoutMs
  while (!(await done())) {
    if (performance.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
