import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DATA_URL_MAX_BYTES, toDataUrl } from '../src/media/data-url.js'
import { InputError } from '../src/errors.js'
import { jpeg, makeTempDir, padFile, png, removeDir, wav, writeFixture } from './helpers/media-fixtures.js'

let dir: string
beforeAll(async () => {
  dir = await makeTempDir('data-url-')
})
afterAll(async () => {
  await removeDir(dir)
})

describe('toDataUrl', () => {
  it('encodes an image as a base64 data: URL', async () => {
    const bytes = png(320, 320)
    const path = await writeFixture(dir, 'frame.png', bytes)
    const url = await toDataUrl(path, 'image/png', 'first-frame')
    expect(url).toBe(`data:image/png;base64,${bytes.toString('base64')}`)
    expect(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').equals(bytes)).toBe(true)
  })

  it('uses the mime type it is given (by content), in lower case', async () => {
    const path = await writeFixture(dir, 'photo.png', jpeg(400, 300))
    expect(await toDataUrl(path, 'IMAGE/JPEG', 'last-frame')).toMatch(/^data:image\/jpeg;base64,\/9j\//)
  })

  it('defaults to a 10 MB cap', () => {
    expect(DATA_URL_MAX_BYTES).toBe(10 * 1024 * 1024)
  })

  it('refuses a file over the cap, naming input, file, size and cap', async () => {
    const path = await writeFixture(dir, 'big.png', png(400, 400))
    await padFile(path, 12 * 1024 * 1024)
    await expect(toDataUrl(path, 'image/png', 'first-frame', DATA_URL_MAX_BYTES, 'docs/big.png')).rejects.toThrow(
      new InputError(
        'Input `first-frame` file docs/big.png is 12 MB: images sent as data: URLs (`local-images-as: data-url`) must be at most 10 MB; upload it to the Asset Library instead.'
      )
    )
  })

  it('takes a smaller cap', async () => {
    const path = await writeFixture(dir, 'small.png', png(400, 400))
    await expect(toDataUrl(path, 'image/png', 'first-frame', 10, 'small.png')).rejects.toThrow(/is \d+ bytes: .* must be at most 1 KB \(10 bytes\)/)
    await expect(toDataUrl(path, 'image/png', 'first-frame', 1_000_000, 'small.png')).resolves.toMatch(/^data:image\/png;base64,/)
  })

  it('refuses anything but images', async () => {
    const path = await writeFixture(dir, 'voice.wav', wav(2))
    await expect(toDataUrl(path, 'audio/wav', 'reference-audios', DATA_URL_MAX_BYTES, 'voice.wav')).rejects.toThrow(
      'Input `reference-audios` file voice.wav is audio/wav: only images can be sent as data: URLs (`local-images-as: data-url`); upload it to the Asset Library instead.'
    )
  })
})
