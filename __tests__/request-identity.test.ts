import { describe, expect, it } from '@jest/globals'
import { canonicalJson, requestIdentity } from '../src/reuse/request-identity.js'

const BASE = 'https://api.example.test'
const body = (extra: Record<string, unknown> = {}) => ({
  model: 'seedance-2.0',
  media: [
    { type: 'text', text: 'a cat' },
    { type: 'image_url', url: 'asset://abc', role: 'first_frame' }
  ],
  ratio: '16:9',
  ...extra
})
const SHA = 'a'.repeat(64)

describe('requestIdentity', () => {
  it('is a hex sha256 and does not depend on key order', () => {
    const a = requestIdentity({ baseUrl: BASE, body: body() })
    const reordered = { ratio: '16:9', media: body().media, model: 'seedance-2.0' }
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(requestIdentity({ baseUrl: BASE, body: reordered })).toBe(a)
  })

  it('changes with the base URL, model, prompt or any option', () => {
    const a = requestIdentity({ baseUrl: BASE, body: body() })
    expect(requestIdentity({ baseUrl: 'https://other.test', body: body() })).not.toBe(a)
    expect(requestIdentity({ baseUrl: BASE, body: body({ model: 'seedance-2.0-fast' }) })).not.toBe(a)
    expect(requestIdentity({ baseUrl: BASE, body: body({ ratio: '1:1' }) })).not.toBe(a)
    expect(requestIdentity({ baseUrl: BASE, body: body({ seed: 7 }) })).not.toBe(a)
    const other = body()
    other.media[0] = { type: 'text', text: 'a dog' }
    expect(requestIdentity({ baseUrl: BASE, body: other })).not.toBe(a)
  })

  it('counts seed -1 and an unset seed as the same request', () => {
    expect(requestIdentity({ baseUrl: BASE, body: body({ seed: -1 }) })).toBe(requestIdentity({ baseUrl: BASE, body: body() }))
  })

  it('ignores a trailing slash on the base URL', () => {
    expect(requestIdentity({ baseUrl: `${BASE}/`, body: body() })).toBe(requestIdentity({ baseUrl: BASE, body: body() }))
  })

  it('counts a workspace file by its content, not by the asset id or data URL it was placed as', () => {
    const asUpload = body()
    const asData = body()
    ;(asData.media[1] as { url: string }).url = 'data:image/png;base64,AAAA'
    const one = requestIdentity({ baseUrl: BASE, body: asUpload, localFiles: new Map([[1, SHA]]) })
    expect(requestIdentity({ baseUrl: BASE, body: asData, localFiles: { 1: SHA } })).toBe(one)
    expect(requestIdentity({ baseUrl: BASE, body: asUpload, localFiles: new Map([[1, 'b'.repeat(64)]]) })).not.toBe(one)
    // The same URL given by the user (not a workspace file) is a different request.
    expect(requestIdentity({ baseUrl: BASE, body: asUpload })).not.toBe(one)
  })
})

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}')
  })
})
