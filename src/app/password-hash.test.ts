import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  CURRENT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  verifyPassword,
} from './password-hash.ts'

/** Cheap parameters so properties can run a thousand hashes; production uses CURRENT_SCRYPT_PARAMS. */
const cheap = { N: 16, r: 1, p: 1 }
const salt = Buffer.alloc(16, 7)

describe('hashPassword / verifyPassword', () => {
  it('stores scrypt$N$r$p$salt$hash with the current parameters, never the password', async () => {
    const stored = await hashPassword('correct horse battery', salt)
    assert.match(stored, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    assert.ok(!stored.includes('correct horse'))
    assert.equal(await verifyPassword('correct horse battery', stored), true)
    assert.equal(await verifyPassword('correct horse batterY', stored), false)
  })

  it('gives different hashes for the same password with different salts', async () => {
    const a = await hashPassword('same password here', Buffer.alloc(16, 1), cheap)
    const b = await hashPassword('same password here', Buffer.alloc(16, 2), cheap)
    assert.notEqual(a, b)
  })

  it('accepts the same password typed in composed or decomposed Unicode (NFC)', async () => {
    const stored = await hashPassword('mot de passe café', salt, cheap)
    assert.equal(await verifyPassword('mot de passe cafe\u0301', stored), true)
  })

  it('verifies with the parameters stored in the hash, so old hashes keep working', async () => {
    const old = await hashPassword('an older passphrase', salt, { N: 1024, r: 8, p: 1 })
    assert.equal(await verifyPassword('an older passphrase', old), true)
    assert.equal(needsRehash(old), true)
    assert.equal(needsRehash(await hashPassword('x', salt)), false)
  })

  it('round-trips any password and rejects any other (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        async (password, other, bytes) => {
          const stored = await hashPassword(password, Buffer.from(bytes), cheap)
          assert.equal(await verifyPassword(password, stored), true)
          if (other.normalize('NFC') !== password.normalize('NFC'))
            assert.equal(await verifyPassword(other, stored), false)
          assert.deepEqual(parsePasswordHash(stored)?.salt, Buffer.from(bytes))
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('parsePasswordHash', () => {
  const key = 'A'.repeat(43)
  const cases = [
    { name: 'a well-formed hash', text: `scrypt$16384$8$1$${'A'.repeat(22)}$${key}`, ok: true },
    { name: 'another algorithm', text: `bcrypt$16384$8$1$${'A'.repeat(22)}$${key}`, ok: false },
    { name: 'N not a power of two', text: `scrypt$16383$8$1$${'A'.repeat(22)}$${key}`, ok: false },
    {
      name: 'N above 2^20 (memory bomb)',
      text: `scrypt$2097152$8$1$${'A'.repeat(22)}$${key}`,
      ok: false,
    },
    { name: 'r of zero', text: `scrypt$16384$0$1$${'A'.repeat(22)}$${key}`, ok: false },
    {
      name: 'a short key',
      text: `scrypt$16384$8$1$${'A'.repeat(22)}$${'A'.repeat(10)}`,
      ok: false,
    },
    { name: 'nothing', text: '', ok: false },
  ]
  for (const { name, text, ok } of cases) {
    it(`${ok ? 'accepts' : 'rejects'} ${name}`, () =>
      assert.equal(parsePasswordHash(text) !== undefined, ok))
  }

  it('never matches a password against a malformed hash', async () => {
    assert.equal(await verifyPassword('', ''), false)
    assert.equal(await verifyPassword('plain', 'plain'), false)
  })

  it('never throws, and bounds the memory of whatever it accepts (property)', () => {
    const piece = fc.oneof(fc.string(), fc.nat().map(String), fc.constant('scrypt'))
    const b64 = (length: number) =>
      fc
        .uint8Array({ minLength: length, maxLength: length })
        .map((b) => Buffer.from(b).toString('base64url'))
    // well-formed but for the parameters, so the bounds themselves are exercised
    const shaped = fc
      .tuple(
        fc.integer({ min: 0, max: 2 ** 24 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 999 }),
        b64(16),
        b64(32),
      )
      .map(([n, r, p, s, k]) => ['scrypt', n, r, p, s, k].map(String))
    fc.assert(
      fc.property(fc.oneof(fc.array(piece, { maxLength: 7 }), shaped), (parts) => {
        const parsed = parsePasswordHash(parts.join('$'))
        if (parsed) {
          const { N, r, p } = parsed.params
          assert.ok(128 * N * r * p <= 256 * 1024 * 1024)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('reads back the current parameters', async () => {
    const parsed = parsePasswordHash(await hashPassword('x', salt))
    assert.deepEqual(parsed?.params, CURRENT_SCRYPT_PARAMS)
  })
})
