/** Keeping the memory of large streamed transfers (download, release upload) flat. */
import v8 from 'node:v8'
import vm from 'node:vm'

/**
 * Every socket read allocates a fresh 64 KB buffer. V8 collects those only when tens of MB
 * of them have piled up, which alone would lift the process's peak RSS by ~35 MB on a
 * large video. A young-generation collection every few MB keeps it flat at a cost of well
 * under 1% of the transfer time. `--expose-gc` set at run time exposes `gc` only to new
 * contexts (the same technique jest's leak detector uses); if that fails, nothing is done.
 */
const GC_EVERY_BYTES = 1024 * 1024

type Collect = (options?: { type: 'minor' | 'major' }) => void
let collect: Collect | null | undefined

function exposedGc(): Collect | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc')
      const fn: unknown = vm.runInNewContext('gc')
      collect = typeof fn === 'function' ? (fn as Collect) : null
    } catch {
      collect = null
    }
  }
  return collect
}

/**
 * A counter to call with the size of each chunk that passes through a large transfer;
 * it keeps the garbage of finished chunks from piling up (see above). Also used by the
 * release upload.
 */
export function flatMemory(): (bytes: number) => void {
  let sinceLast = 0
  return (bytes) => {
    sinceLast += bytes
    if (sinceLast < GC_EVERY_BYTES) return
    sinceLast = 0
    exposedGc()?.({ type: 'minor' })
  }
}
