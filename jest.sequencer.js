// The order test files start in. Four workers share two cores, so for the wall time what matters is
// that nothing long starts last: longest first. Jest knows a file's time from an earlier run (its
// cache); without one (a fresh clone, `npm cit`, a new file) it would go by file size alone, which
// puts the short end-to-end files last although each runs the built action many times. So a file
// without a timing is estimated from its size, at the rates measured here (2 cores, Node 24): a
// suite that runs the action in child processes (`__tests__/e2e/`, the demo, the live check) takes about 2.5 ms
// per byte of test source, an in-process suite about 0.3 ms. And `e2e/local-action.test.ts` starts
// first while its tool is not installed: its first run installs @github/local-action (about 330 MB,
// in the user's cache folder: scripts/local-action.mjs), which then overlaps the rest.
import Sequencer from '@jest/test-sequencer'
import { localActionInstalled } from './scripts/local-action.mjs'

const BaseSequencer = Sequencer.default ?? Sequencer

const MS_PER_BYTE = { action: 2.5, inProcess: 0.3 }
const runsTheAction = (path) => /[\\/]__tests__[\\/](e2e[\\/]|(demo|live-check)\.test\.ts$)/.test(path)
const isLocalAction = (path) => /[\\/]__tests__[\\/]e2e[\\/]local-action\.test\.ts$/.test(path)

export default class LongestFirst extends BaseSequencer {
  sort(tests) {
    const installed = localActionInstalled()
    const estimate = (test) => {
      if (isLocalAction(test.path) && !installed) return Infinity
      const known = this.time(test)
      if (known != null) return known
      const bytes = test.context.hasteFS.getSize(test.path) ?? 0
      return bytes * (runsTheAction(test.path) ? MS_PER_BYTE.action : MS_PER_BYTE.inProcess)
    }
    const ms = new Map(tests.map((t) => [t.path, estimate(t)]))
    return [...tests].sort((a, b) => ms.get(b.path) - ms.get(a.path))
  }
}
