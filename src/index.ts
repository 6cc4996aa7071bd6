/** Entry point of the bundled action (dist/index.js). run() handles every error itself. */
import { run } from './main.js'
import { coreIO } from './runner-io.js'

await run(coreIO())
