import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AddressPolicy,
  isRefusedAddress,
  type ResolvedAddress,
} from '../../../src/domain/events/outbound/address-policy.js'
import { HttpSender } from '../../../src/domain/events/outbound/http-sender.js'
import { Receiver } from '../../helpers/receiver.js'

const v4 = (address: string): ResolvedAddress => ({ address, family: 4 })

describe('SSRF address policy', () => {
  it.each([
    ['127.0.0.1'],
    ['127.255.255.254'],
    ['10.0.0.1'],
    ['172.16.5.4'],
    ['172.31.255.255'],
    ['192.168.0.10'],
    ['169.254.169.254'],
    ['100.100.100.200'],
    ['0.0.0.0'],
    ['224.0.0.1'],
    ['255.255.255.255'],
    ['::1'],
    ['::'],
    ['fe80::1'],
    ['fd00:ec2::254'],
    ['fc00::5'],
    ['::ffff:127.0.0.1'],
    ['::ffff:7f00:1'],
    ['::ffff:a9fe:a9fe'],
    ['64:ff9b::a9fe:a9fe'],
    ['2002:7f00:1::1'],
    ['not an address'],
  ])('refuses %s', (address) => {
    expect(isRefusedAddress(address)).toBe(true)
  })

  it.each([['1.1.1.1'], ['8.8.8.8'], ['172.32.0.1'], ['2606:4700:4700::1111'], ['::ffff:1.1.1.1']])(
    'allows %s',
    (address) => {
      expect(isRefusedAddress(address)).toBe(false)
    },
  )

  it('refuses a name when any of its addresses is private, and says which', async () => {
    const policy = new AddressPolicy({
      allowPrivateNetworks: false,
      resolver: async () => [v4('1.1.1.1'), v4('10.0.0.7')],
    })
    expect(await policy.checkUrl('https://mixed.example/hook')).toEqual({
      ok: false,
      problem: expect.stringMatching(/^host mixed\.example resolves to 10\.0\.0\.7, a private/),
    })
  })

  it('refuses names that do not resolve and URLs that are not http(s)', async () => {
    const policy = new AddressPolicy({
      allowPrivateNetworks: false,
      resolver: async () => {
        throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' })
      },
    })
    expect(await policy.checkUrl('https://nowhere.example/')).toEqual({
      ok: false,
      problem: 'host nowhere.example does not resolve',
    })
    expect(await policy.checkUrl('file:///etc/passwd')).toMatchObject({ ok: false })
    expect(await policy.checkUrl('not a url')).toMatchObject({
      ok: false,
      problem: 'is not a valid URL',
    })
  })

  it('allows everything except non-http schemes when the operator allows private networks', async () => {
    const policy = new AddressPolicy({ allowPrivateNetworks: true })
    expect(await policy.checkUrl('http://127.0.0.1:9/x')).toMatchObject({ ok: true })
    expect(await policy.checkUrl('gopher://127.0.0.1/')).toMatchObject({ ok: false })
  })
})

describe('SSRF at connect time (DNS rebinding)', () => {
  let receiver: Receiver
  beforeAll(async () => {
    receiver = await Receiver.start()
  })
  afterAll(() => receiver.close())

  it('refuses the connection when a name that was public when saved now resolves to loopback', async () => {
    const answers = [[v4('1.1.1.1')], [v4('127.0.0.1')]]
    const policy = new AddressPolicy({
      allowPrivateNetworks: false,
      resolver: async () => answers.shift() ?? [v4('127.0.0.1')],
    })
    const port = new URL(receiver.url).port
    const url = `http://rebinding.example:${port}/hook`
    expect(await policy.checkUrl(url)).toMatchObject({ ok: true })

    const sender = new HttpSender(policy, 2_000)
    const result = await sender.send({ url, headers: {}, body: '{}' })
    sender.close()
    expect(result).toMatchObject({
      statusCode: null,
      error:
        'rebinding.example resolves only to refused addresses (private, loopback, link-local or metadata)',
    })
    expect(receiver.requests).toHaveLength(0)
  })

  it('refuses an IP-literal URL on a refused address without resolving anything', async () => {
    const policy = new AddressPolicy({
      allowPrivateNetworks: false,
      resolver: async () => {
        throw new Error('must not resolve')
      },
    })
    const sender = new HttpSender(policy, 2_000)
    const result = await sender.send({ url: `${receiver.url}/x`, headers: {}, body: '{}' })
    sender.close()
    expect(result.statusCode).toBeNull()
    expect(result.error).toBe('127.0.0.1 is a private, loopback, link-local or metadata address')
    expect(receiver.requests).toHaveLength(0)
  })

  it('connects where the policy allows, does not follow redirects and keeps 1 KiB of the answer', async () => {
    const policy = new AddressPolicy({ allowPrivateNetworks: true })
    receiver.answer({
      status: 302,
      headers: { location: 'http://1.1.1.1/' },
      body: 'x'.repeat(5000),
    })
    const sender = new HttpSender(policy, 2_000)
    const result = await sender.send({
      url: `${receiver.url}/moved`,
      headers: { 'x-a': 'b' },
      body: '{"a":1}',
    })
    sender.close()
    expect(result).toMatchObject({ statusCode: 302, error: null, responseBody: 'x'.repeat(1024) })
    expect(receiver.requests).toHaveLength(1)
    expect(receiver.requests[0]).toMatchObject({ method: 'POST', path: '/moved', body: '{"a":1}' })
    expect(receiver.requests[0]!.headers['x-a']).toBe('b')
    receiver.reset()
  })

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const policy = new AddressPolicy({ allowPrivateNetworks: true })
    receiver.answer({ status: 200, hang: true })
    const sender = new HttpSender(policy, 300)
    const result = await sender.send({ url: receiver.url, headers: {}, body: '{}' })
    sender.close()
    expect(result).toMatchObject({ statusCode: null, error: 'no response within 0.3 s' })
    expect(result.latencyMs).toBeGreaterThanOrEqual(290)
    receiver.reset()
  })
})
