// Where `npm ci` puts Node 24, the action's runtime (`runs.using: node24`): the `node` dev
// dependency, whose install script fetches the registry's binary for this platform.
import { join } from 'node:path'

/** The path of Node 24 under `root`'s node_modules (missing before `npm ci`). */
export function node24Path(root) {
  return join(root, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node')
}
