import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks.js'
import { computeTwilioSignature, verifyTwilioSignature } from './twilio-signature.ts'
import type { TwilioParams } from './twilio-signature.ts'
import { loadVectors, runVectors } from '../testing/vector-table.ts'

interface SignatureRow {
  name: string
  source: string
  authToken: string
  url: string
  params: Record<string, string | string[]>
  signature: string
}

const rows = loadVectors<SignatureRow>(import.meta.url, 'vectors/signature.json')

describe('computeTwilioSignature: recorded vectors', () => {
  runVectors(rows, (row) => {
    assert.equal(computeTwilioSignature(row.authToken, row.url, row.params), row.signature)
    assert.equal(verifyTwilioSignature(row.authToken, row.url, row.params, row.signature), true)
  })
})

// Parameter names as Twilio sends them are ASCII; values are any Unicode text (REFERENCE.md:
// name and value concatenated, sorted by name).
const paramsArb: fc.Arbitrary<Record<string, string | string[]>> = fc.dictionary(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
  fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.array(fc.string({ unit: 'grapheme', maxLength: 10 }), { minLength: 1, maxLength: 4 }),
  ),
  { maxKeys: 8 },
)
const urlArb = fc.webUrl({ withQueryParameters: true })
const tokenArb = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 })

describe('computeTwilioSignature agrees with the official twilio package', () => {
  it('on generated URLs, tokens and parameters (arrays included)', () => {
    fc.assert(
      fc.property(tokenArb, urlArb, paramsArb, (token, url, params) => {
        assert.equal(
          computeTwilioSignature(token, url, params),
          getExpectedTwilioSignature(token, url, params),
        )
      }),
      { numRuns: 1000 },
    )
  })

  it('what twilio.validateRequest accepts, verifyTwilioSignature accepts', () => {
    fc.assert(
      fc.property(tokenArb, urlArb, paramsArb, (token, url, params) => {
        const signature = computeTwilioSignature(token, url, params)
        assert.equal(validateRequest(token, signature, url, params), true)
        assert.equal(verifyTwilioSignature(token, url, params, signature), true)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('verifyTwilioSignature rejects forgeries', () => {
  const row = rows[0]!
  const cases: {
    name: string
    token?: string
    url?: string
    params?: TwilioParams
    sig?: string
  }[] = [
    { name: 'another auth token', token: '54321' },
    {
      name: 'http instead of https (proxy rewrote the URL)',
      url: row.url.replace('https', 'http'),
    },
    { name: 'a tampered Body', params: { ...row.params, Digits: '9999' } },
    { name: 'an added parameter', params: { ...row.params, Body: 'STOP' } },
    { name: 'a truncated signature (length differs)', sig: row.signature.slice(0, -1) },
    { name: 'an empty signature', sig: '' },
    { name: 'a signature with a flipped character', sig: 'X' + row.signature.slice(1) },
  ]
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(
        verifyTwilioSignature(
          c.token ?? row.authToken,
          c.url ?? row.url,
          c.params ?? row.params,
          c.sig ?? row.signature,
        ),
        false,
      )
    })
  }

  it('any signature other than the right one is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (guess) => {
        fc.pre(guess !== row.signature)
        assert.equal(verifyTwilioSignature(row.authToken, row.url, row.params, guess), false)
      }),
      { numRuns: 1000 },
    )
  })
})
