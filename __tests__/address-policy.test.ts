/**
 * The address policy judges an address by what it is, not by how it is spelled: every IPv6 form
 * that carries an IPv4 address is judged as that IPv4 address. Pure: nothing here connects
 * anywhere, the addresses are only classified.
 */
import { describe, expect, it } from '@jest/globals'
import { isLoopbackHost, judgedAddress, privateAddress, unsafeAddress, unsafeHost } from '../src/http/url-policy.js'

const refusedLinkLocal = /^a link-local address/
const refusedPrivate = /^a private network address/

describe('unsafe addresses (refused for every link), classified in every spelling', () => {
  it.each([
    // [spelling as it appears in a URL's host or a resolved address, what it must be judged as]
    ['169.254.169.254', refusedLinkLocal],
    ['[::ffff:169.254.169.254]', refusedLinkLocal],
    ['[::ffff:a9fe:a9fe]', refusedLinkLocal],
    ['::ffff:a9fe:a9fe', refusedLinkLocal],
    ['[0:0:0:0:0:ffff:a9fe:a9fe]', refusedLinkLocal],
    ['[::FFFF:A9FE:A9FE]', refusedLinkLocal],
    ['[::a9fe:a9fe]', refusedLinkLocal],
    ['[::169.254.169.254]', refusedLinkLocal],
    ['[64:ff9b::a9fe:a9fe]', refusedLinkLocal],
    ['[64:ff9b::169.254.169.254]', refusedLinkLocal],
    ['[2002:a9fe:a9fe::1]', refusedLinkLocal],
    ['[::ffff:0:a9fe:a9fe]', refusedLinkLocal],
    ['[fe80::1]', refusedLinkLocal],
    ['100.100.100.200', /^a cloud metadata address/],
    ['[::ffff:6464:64c8]', /^a cloud metadata address/],
    ['[fd00:ec2::254]', /^a cloud metadata address/],
    ['[fd00:0ec2:0:0:0:0:0:0254]', /^a cloud metadata address/],
    ['0.0.0.0', /^an unspecified address/],
    ['[::]', /^an unspecified address/],
    ['[::ffff:0.0.0.0]', /^an unspecified address/],
    ['224.0.0.1', /^a broadcast or multicast address/],
    ['127.0.0.1', /^a loopback address/],
    ['[::1]', /^a loopback address/],
    ['[::ffff:7f00:1]', /^a loopback address/],
    ['[::ffff:127.0.0.1]', /^a loopback address/],
    ['[64:ff9b::7f00:1]', /^a loopback address/]
  ])('%s is refused: %s', (address, reason) => {
    expect(unsafeAddress(address, false)).toMatch(reason)
  })

  it('names the IPv4 address an IPv6 spelling carried', () => {
    expect(unsafeAddress('[::ffff:a9fe:a9fe]', false)).toBe(
      'a link-local address (where cloud metadata services answer), 169.254.169.254 written as IPv4-mapped IPv6'
    )
    expect(unsafeAddress('[64:ff9b::a9fe:a9fe]', false)).toMatch(/169\.254\.169\.254 written as NAT64 IPv6$/)
    expect(unsafeAddress('[::a9fe:a9fe]', false)).toMatch(/169\.254\.169\.254 written as IPv4-compatible IPv6$/)
    expect(unsafeAddress('[2002:a9fe:a9fe::]', false)).toMatch(/169\.254\.169\.254 written as 6to4 IPv6$/)
  })

  // Classified only: a private address is not unsafe for a link the API handed out.
  const notUnsafe = [
    '93.184.216.34',
    '[2606:2800:220:1:248:1893:25c8:1946]',
    '[::ffff:5db8:d822]',
    '[64:ff9b::5db8:d822]',
    '10.0.0.7', // private: classified only, never connected to
    'example.com',
    'api.powertokens.ai'
  ] // classified only
  it.each(notUnsafe)('%s is not unsafe (public, private or a name: names are judged after they resolve)', (address) => {
    expect(unsafeAddress(address, false)).toBeUndefined()
  })

  it('loopback in any spelling passes only when allowed (the API itself runs there)', () => {
    for (const a of ['127.0.0.1', '127.9.9.9', '[::1]', '[::ffff:7f00:1]', '[::ffff:127.0.0.1]']) expect(unsafeAddress(a, true)).toBeUndefined()
  })
})

describe('private addresses (refused for links a user gives)', () => {
  it.each([
    ['10.0.0.7', refusedPrivate],
    ['[::ffff:10.0.0.7]', refusedPrivate],
    ['[::ffff:a00:7]', refusedPrivate],
    ['[64:ff9b::a00:7]', refusedPrivate],
    ['[::a00:7]', refusedPrivate],
    ['[2002:a00:7::]', refusedPrivate],
    ['172.16.0.1', refusedPrivate],
    ['192.168.1.1', refusedPrivate],
    ['[::ffff:c0a8:101]', refusedPrivate],
    ['[fd12:3456::1]', refusedPrivate],
    ['[fc00::1]', refusedPrivate],
    ['[64:ff9b:1::a00:7]', refusedPrivate],
    ['100.64.0.1', /^a shared \(carrier-grade NAT\) address/],
    ['[::ffff:6440:1]', /^a shared \(carrier-grade NAT\) address/]
  ])('%s is refused: %s', (address, reason) => {
    expect(privateAddress(address)).toMatch(reason)
  })

  it('[::ffff:10.0.0.7] and [64:ff9b::a00:7] are refused, named as 10.0.0.7', () => {
    expect(privateAddress('[::ffff:10.0.0.7]')).toBe('a private network address, 10.0.0.7 written as IPv4-mapped IPv6')
    expect(privateAddress('[64:ff9b::a00:7]')).toBe('a private network address, 10.0.0.7 written as NAT64 IPv6')
  })

  it.each(['93.184.216.34', '[2606:4700::1]', '[::ffff:5db8:d822]', 'media.example.com'])('%s is not private', (address) => {
    expect(privateAddress(address)).toBeUndefined()
  })
})

describe('hosts', () => {
  it('a URL parser writes an IPv4-mapped address as hex; it is still judged as the IPv4 address', () => {
    const url = new URL('https://[::ffff:169.254.169.254]/latest/meta-data/') // classified, never fetched
    expect(url.hostname).toBe('[::ffff:a9fe:a9fe]')
    expect(unsafeHost(url, false)).toMatch(refusedLinkLocal)
  })

  it('metadata names and localhost are refused by name', () => {
    expect(unsafeHost(new URL('https://metadata.google.internal/x'), true)).toBe('a cloud metadata service')
    expect(unsafeHost(new URL('https://localhost/x'), false)).toBe('a loopback address')
    expect(unsafeHost(new URL('https://localhost/x'), true)).toBeUndefined()
  })

  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['[::1]', true],
    ['[::ffff:7f00:1]', true],
    ['[::ffff:127.0.0.1]', true],
    ['example.com', false],
    ['127.0.0.1.example.com', false],
    ['[::ffff:a00:7]', false] // a private address, classified only
  ])('isLoopbackHost(%s) is %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback)
  })

  it('judgedAddress leaves names alone', () => {
    expect(judgedAddress('example.com')).toBeUndefined()
    expect(judgedAddress('[::ffff:a9fe:a9fe]')?.address.toString()).toBe('169.254.169.254')
  })
})
