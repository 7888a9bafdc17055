import { lookup as dnsLookup } from 'node:dns'
import { BlockList, isIP } from 'node:net'

/**
 * Where Tessera may send events. A subscriber URL is chosen by whoever holds a client secret or
 * an API key; without this check it could make Tessera POST to its own loopback services, the
 * private network it runs in, or a cloud metadata service (SSRF). Checked when a URL is saved
 * (a clear 400) and again for the address each connection actually uses, so a name that
 * resolves elsewhere later (DNS rebinding) still cannot reach a refused address.
 */

/** Address ranges no event may be sent to unless the operator allows private networks. */
const REFUSED = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (and some clouds' metadata, 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (includes AWS's fd00:ec2::254 metadata)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv6')
}

/** The IPv4 address carried inside an IPv6 one (mapped, NAT64, 6to4), if any. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase()
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)
  if (dotted) return dotted[1]!
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower)
  if (hex) return fromHexPair(hex[1]!, hex[2]!)
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower)
  if (sixToFour) return fromHexPair(sixToFour[1]!, sixToFour[2]!)
  return null
}

function fromHexPair(high: string, low: string): string {
  const h = parseInt(high, 16)
  const l = parseInt(low, 16)
  return `${h >> 8}.${h & 255}.${l >> 8}.${l & 255}`
}

/** True when an event must not be sent to this IP address. */
export function isRefusedAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return REFUSED.check(address, 'ipv4')
  if (family === 6) {
    const v4 = embeddedIpv4(address)
    if (v4 !== null) return REFUSED.check(v4, 'ipv4')
    return REFUSED.check(address, 'ipv6')
  }
  return true
}

export interface ResolvedAddress {
  readonly address: string
  readonly family: number
}

/** Name resolution, injectable so tests can play a resolver whose answers change. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  )

export type UrlCheck =
  { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly problem: string }

export interface AddressPolicyOptions {
  /** The operator's TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS: every address is allowed. */
  readonly allowPrivateNetworks: boolean
  readonly resolver?: Resolver
}

/** The SSRF rules for subscriber URLs, when saved and at every connection. */
export class AddressPolicy {
  readonly allowPrivateNetworks: boolean
  readonly #resolve: Resolver

  constructor(options: AddressPolicyOptions) {
    this.allowPrivateNetworks = options.allowPrivateNetworks
    this.#resolve = options.resolver ?? systemResolver
  }

  /**
   * Whether a subscriber URL may be saved: http or https, a host, and (unless private networks
   * are allowed) every address the host resolves to is public. Every address, not one: a name
   * with one public and one private record would otherwise pass here and connect privately.
   */
  async checkUrl(text: string): Promise<UrlCheck> {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      return { ok: false, problem: 'is not a valid URL' }
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { ok: false, problem: 'must be an http or https URL' }
    }
    if (url.hostname === '') return { ok: false, problem: 'must name a host' }
    if (this.allowPrivateNetworks) return { ok: true, url }
    const host = bareHost(url.hostname)
    if (isIP(host) !== 0) {
      return isRefusedAddress(host)
        ? { ok: false, problem: refusedProblem(host) }
        : { ok: true, url }
    }
    let addresses: ResolvedAddress[]
    try {
      addresses = await this.#resolve(host)
    } catch {
      return { ok: false, problem: `host ${host} does not resolve` }
    }
    if (addresses.length === 0) return { ok: false, problem: `host ${host} does not resolve` }
    const refused = addresses.find((a) => isRefusedAddress(a.address))
    if (refused) return { ok: false, problem: refusedProblem(refused.address, host) }
    return { ok: true, url }
  }

  /**
   * A `lookup` for `net.connect`: resolves like the system would, then keeps only allowed
   * addresses, so the connection goes to an address this policy checked at this moment.
   */
  readonly lookup = (
    hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: (
      err: NodeJS.ErrnoException | null,
      address: string | ResolvedAddress[],
      family?: number,
    ) => void,
  ): void => {
    this.#resolve(bareHost(hostname)).then(
      (addresses) => {
        const wanted = addresses.filter(
          (a) =>
            (this.allowPrivateNetworks || !isRefusedAddress(a.address)) &&
            (options.family === undefined ||
              options.family === 0 ||
              a.family === Number(options.family)),
        )
        if (wanted.length === 0) {
          const err: NodeJS.ErrnoException = new Error(
            addresses.length === 0
              ? `${hostname} does not resolve`
              : `${hostname} resolves only to refused addresses (private, loopback, link-local or metadata)`,
          )
          err.code = addresses.length === 0 ? 'ENOTFOUND' : 'EREFUSEDADDRESS'
          callback(err, options.all ? [] : '', 0)
          return
        }
        if (options.all) callback(null, wanted)
        else callback(null, wanted[0]!.address, wanted[0]!.family)
      },
      (err: NodeJS.ErrnoException) => callback(err, options.all ? [] : '', 0),
    )
  }

  /** Whether a connection may go to this literal IP address (URLs that name one). */
  allowsAddress(address: string): boolean {
    return this.allowPrivateNetworks || !isRefusedAddress(address)
  }
}

/** `[::1]` → `::1`: URL hostnames keep the brackets of IPv6 literals. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
}

function refusedProblem(address: string, host?: string): string {
  const via = host !== undefined ? `host ${host} resolves to ${address}, ` : `${address} is `
  return `${via}a private, loopback, link-local or metadata address, which Tessera does not send events to (an operator can allow private networks with TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS)`
}
