import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/** scrypt cost parameters; stored with each hash so they can be raised later. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number
  r: number
  p: number
}

/** 2^15 × 8 × 128 bytes = 32 MiB and about 50–100 ms per hash on a server core. */
export const CURRENT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({
  N: 2 ** 15,
  r: 8,
  p: 1,
})

const KEY_LENGTH = 32
const HASH_FORMAT =
  /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{43})$/

/** Bounds on parameters read back from the store, so a corrupt row cannot exhaust memory. */
const MAX_N = 2 ** 20
const MAX_MEMORY = 256 * 1024 * 1024

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // Node refuses anything above `maxmem` (32 MiB by default, which N = 2^15, r = 8 just exceeds)
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * params.p * 2 }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => {
      if (error) reject(error)
      else resolve(key)
    })
  })
}

/**
 * Hashes a password with scrypt as `scrypt$N$r$p$salt$hash` (salt and hash in
 * base64url). The salt comes from the caller (16 random bytes), so the app's
 * Random port stays the only source of randomness.
 * @example await hashPassword('correct horse battery', random.bytes(16)) // 'scrypt$32768$8$1$…$…'
 */
export async function hashPassword(
  password: string,
  salt: Buffer,
  params: ScryptParams = CURRENT_SCRYPT_PARAMS,
): Promise<string> {
  const key = await derive(password, salt, params)
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

/** Parses a stored hash; undefined when it is malformed or its parameters are out of bounds. */
export function parsePasswordHash(
  stored: string,
): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = HASH_FORMAT.exec(stored)
  if (!match) return undefined
  const [, n = '', r = '', p = '', salt = '', key = ''] = match
  const params = { N: Number(n), r: Number(r), p: Number(p) }
  const powerOfTwo = params.N > 1 && (params.N & (params.N - 1)) === 0
  const memory = 128 * params.N * params.r * params.p
  if (!powerOfTwo || params.N > MAX_N || params.r < 1 || params.p < 1 || memory > MAX_MEMORY)
    return undefined
  return { params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') }
}

/**
 * Checks a password against a stored hash in constant time (for equal-length
 * keys, which ours always are). A malformed hash never matches.
 * @example await verifyPassword('correct horse battery', user.passwordHash) // true
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored)
  if (!parsed) return false
  const key = await derive(password, parsed.salt, parsed.params)
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key)
}

/** True when a hash was made with other parameters than today's and should be redone at sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parsePasswordHash(stored)
  if (!parsed) return true
  const { N, r, p } = CURRENT_SCRYPT_PARAMS
  return parsed.params.N !== N || parsed.params.r !== r || parsed.params.p !== p
}
