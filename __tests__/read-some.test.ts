/**
 * The start of an error's body is read for the message only: bounded in bytes and in time, so a
 * body that drips forever cannot hold the step. Loopback only.
 */
import { afterEach, expect, it } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { readSome } from '../src/http/transport.js'

const servers: http.Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise<void>((done) => s.close(() => done()))
  }
})

async function dripping(): Promise<string> {
  const server = http.createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' })
    res.write('Service unavailable: ')
    const timer = setInterval(() => res.write('.'), 50)
    res.on('close', () => clearInterval(timer))
  })
  servers.push(server)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

it('a body that drips forever gives what came within the time, and the connection is closed', async () => {
  const url = await dripping()
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(url, resolve).on('error', reject))
  const started = Date.now()
  const text = await readSome(res, 4096, 300)
  expect(Date.now() - started).toBeLessThan(5000)
  expect(text.startsWith('Service unavailable: ')).toBe(true)
  expect(res.destroyed).toBe(true)
})

it('stops at maxBytes', async () => {
  const url = await dripping()
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(url, resolve).on('error', reject))
  expect(await readSome(res, 10, 60_000)).toBe('Service un')
})
