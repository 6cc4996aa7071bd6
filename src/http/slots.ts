import { untilAborted } from './abort.js'

/** A counting semaphore whose waits end on abort: a batch's `max-concurrency` tasks, its downloads one at a time, and the Asset Library's uploads a few at a time. */
export class Slots {
  private free: number
  private readonly waiting: Array<() => void> = []

  constructor(size: number) {
    this.free = size
  }

  async acquire(signal: AbortSignal): Promise<void> {
    if (this.free > 0) {
      this.free--
      return
    }
    let grant: (() => void) | undefined
    const granted = new Promise<void>((resolve) => this.waiting.push((grant = resolve)))
    // A wait given up on leaves the queue, so a slot is never granted to nobody.
    await untilAborted(granted, signal, () => {
      const i = this.waiting.indexOf(grant!)
      if (i >= 0) this.waiting.splice(i, 1)
    })
  }

  release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.free++
  }
}
