/** Entry point of the bundled action (dist/index.js). run() handles every error itself. */
import { cacheWorkAbandoned } from './reuse/cache-store.js'
import { run } from './step/main.js'
import { coreIO } from './step/runner-io.js'

await run(coreIO())
// A cache call cut off by its timeout leaves the toolkit's own retries running (about 25 s);
// the step is done, so it does not wait for them (output to pipes and files is written synchronously).
if (cacheWorkAbandoned()) process.exit()
