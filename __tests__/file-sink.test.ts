import { describe, expect, it, afterEach } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { BATCH_BYTES, FileSink, type Gate } from '../src/http/file-sink.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempFile(content?: Buffer): string {
  const d = mkdtempSync(join(tmpdir(), 'file-sink-test-'))
  dirs.push(d)
  const path = join(d, 'f.part')
  if (content) writeFileSync(path, content)
  return path
}

/** Chunks of `size` bytes, each its own ArrayBuffer (as a response body's are), byte i = i % 251. */
function chunks(count: number, size: number, from = 0): Buffer[] {
  return Array.from({ length: count }, (_, c) => {
    const chunk = Buffer.alloc(size)
    for (let i = 0; i < size; i++) chunk[i] = (from + c * size + i) % 251
    return chunk
  })
}

const passAll: Gate = { take: () => undefined, finish: () => undefined }

async function closed(sink: FileSink): Promise<void> {
  if (!sink.closed) await new Promise<void>((done) => sink.once('close', () => done()))
}

describe('FileSink', () => {
  it('writes a body in batches from an offset of an existing file, every byte in order', async () => {
    const head = Buffer.from(chunks(1, 1000)[0] as Buffer)
    const path = tempFile(head)
    const body = chunks(40, 64 * 1024, 1000)
    const expected = Buffer.concat([head, ...body])
    const taken: number[] = []
    await pipeline(Readable.from(body), new FileSink(path, 'r+', head.length, { take: (c) => void taken.push(c.length), finish: () => undefined }))
    expect(readFileSync(path).equals(expected)).toBe(true)
    expect(taken).toHaveLength(40)
    expect(40 * 64 * 1024).toBeGreaterThan(BATCH_BYTES) // more than one batch
  })

  it('hands back the memory of written chunks, and only chunks that are a whole ArrayBuffer', async () => {
    const own = chunks(3, 1024)
    const shared = Buffer.alloc(2048, 7)
    const slice = shared.subarray(1024)
    await pipeline(Readable.from([...own, slice]), new FileSink(tempFile(), 'w', 0, passAll))
    for (const c of own) expect(c.buffer.byteLength).toBe(0)
    expect(slice.length).toBe(1024)
    expect(shared[0]).toBe(7)
  })

  it('on a failure, keeps what passed the gate, so a resume starts at the file size', async () => {
    const path = tempFile()
    const sent = chunks(3, 1000)
    let taken = 0
    let allTaken = (): void => undefined
    const gate: Gate = { take: () => void (++taken === sent.length && allTaken()), finish: () => undefined }
    const sink = new FileSink(path, 'w', 0, gate)
    const source = new Readable({ read: () => undefined })
    const done = pipeline(source, sink)
    await new Promise<void>((resolve) => {
      allTaken = resolve
      for (const c of sent) source.push(Buffer.from(c))
    })
    source.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
    await expect(done).rejects.toThrow('socket hang up')
    await closed(sink)
    expect(readFileSync(path).equals(Buffer.concat(sent))).toBe(true)
  })

  it('stops at a chunk the gate refuses, which is not written', async () => {
    const path = tempFile()
    let n = 0
    const gate: Gate = {
      take: () => {
        if (++n === 3) throw new Error('not an MP4')
      },
      finish: () => undefined
    }
    const body = chunks(5, 1000)
    const sink = new FileSink(path, 'w', 0, gate)
    await expect(pipeline(Readable.from(body), sink)).rejects.toThrow('not an MP4')
    await closed(sink)
    expect(readFileSync(path).equals(Buffer.concat(chunks(2, 1000)))).toBe(true)
  })

  it('fails with the file system error when the file cannot be opened', () => {
    const path = join(tempFile(Buffer.alloc(0)), 'f.part') // under a file, not a folder
    expect(() => new FileSink(path, 'w', 0, passAll)).toThrow(expect.objectContaining({ code: 'ENOTDIR' }))
  })

  it("runs the gate's final check once the body is whole", async () => {
    const gate: Gate = {
      take: () => undefined,
      finish: () => {
        throw new Error('too short')
      }
    }
    await expect(pipeline(Readable.from(chunks(1, 10)), new FileSink(tempFile(), 'w', 0, gate))).rejects.toThrow('too short')
  })
})
