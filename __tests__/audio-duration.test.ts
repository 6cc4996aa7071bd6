import { describe, expect, it } from '@jest/globals'
import { audioDurationOf, mp3Duration, wavDuration } from '../src/local/audio-duration.js'
import { mp3, wav } from './helpers/media-fixtures.js'

const chunk = (id: string, body: Buffer): Buffer => {
  const head = Buffer.alloc(8)
  head.write(id, 0, 'latin1')
  head.writeUInt32LE(body.length, 4)
  return Buffer.concat([head, body, Buffer.alloc(body.length & 1)])
}

/** An ID3v2.3 tag of `size` bytes of body (syncsafe length). */
const id3 = (size: number): Buffer => {
  const head = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, (size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f])
  return Buffer.concat([head, Buffer.alloc(size, 0xff)])
}

describe('WAV', () => {
  it('reads PCM, with other chunks before the data', () => {
    expect(wavDuration(wav(3))).toBe(3)
    const plain = wav(4, 16000)
    const withList = Buffer.concat([plain.subarray(0, 36), chunk('LIST', Buffer.from('INFOISFT\x03\x00\x00\x00abc', 'latin1')), plain.subarray(36)])
    expect(wavDuration(withList)).toBe(4)
  })

  it('counts what a cut file holds, and refuses a file without fmt or data', () => {
    expect(wavDuration(wav(4).subarray(0, 44 + 2 * 8000))).toBe(2)
    expect(() => wavDuration(Buffer.concat([Buffer.from('RIFF\x00\x00\x00\x00WAVE', 'latin1'), chunk('data', Buffer.alloc(8))]))).toThrow('no fmt chunk')
    expect(() => wavDuration(Buffer.from('RIFX0000WAVE', 'latin1'))).toThrow('no RIFF/WAVE header')
  })
})

describe('MP3', () => {
  it('counts frames, past an ID3v2 tag whose bytes look like frame syncs', () => {
    expect(mp3Duration(mp3(6))).toBeCloseTo(6, 1)
    expect(mp3Duration(Buffer.concat([id3(300), mp3(3)]))).toBeCloseTo(3, 1)
  })

  it('steps over junk between frames and an ID3v1 tag at the end', () => {
    const tagV1 = Buffer.concat([Buffer.from('TAG', 'latin1'), Buffer.alloc(125, 0x20)])
    const junk = Buffer.from([0xff, 0xfb, 0x00, 0x12, 0x34])
    expect(mp3Duration(Buffer.concat([mp3(2), junk, mp3(2), tagV1]))).toBeCloseTo(4, 1)
  })

  it('takes the frame count of a Xing header', () => {
    const frame = mp3(0.024) // one 96-byte frame: 48 kHz mono, side info 17 bytes
    frame.write('Xing', 4 + 17, 'latin1')
    frame.writeUInt32BE(1, 4 + 17 + 4)
    frame.writeUInt32BE(500, 4 + 17 + 8)
    expect(mp3Duration(Buffer.concat([frame, mp3(1)]))).toBeCloseTo(12, 5)
  })

  it('refuses bytes with no frames', () => {
    expect(() => mp3Duration(Buffer.alloc(1000))).toThrow('no MPEG audio frames')
    expect(audioDurationOf(wav(3), 'audio/wav')).toBe(3)
    expect(audioDurationOf(wav(3), 'audio/flac')).toBeUndefined()
  })
})
