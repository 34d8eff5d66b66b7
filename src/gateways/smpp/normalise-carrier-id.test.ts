import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { carrierIdKeys, normaliseCarrierId } from './normalise-carrier-id.ts'

// REFERENCE.md, SMPP: "The id may come back in another base (hex vs decimal) or zero-padded:
// normalise before matching."
const value = fc.bigInt({ min: 0n, max: (1n << 80n) - 1n })
const padding = fc.integer({ min: 0, max: 12 })
const hexWritten = fc.tuple(value, padding, fc.boolean()).map(([n, pad, upper]) => {
  const hex = '0'.repeat(pad) + n.toString(16)
  return { n, text: upper ? hex.toUpperCase() : hex }
})
const decimalWritten = fc
  .tuple(value, padding)
  .map(([n, pad]) => ({ n, text: '0'.repeat(pad) + n.toString(10) }))

function matches(a: string[], b: string[]): boolean {
  return a.some((key) => b.includes(key))
}

describe('normaliseCarrierId', () => {
  const cases = [
    { id: '0000A1F', base: 'hex', expected: '2591' },
    { id: 'a1f', base: 'hex', expected: '2591' },
    { id: '2591', base: 'decimal', expected: '2591' },
    { id: '  002591 ', base: 'decimal', expected: '2591' },
    { id: '0', base: 'decimal', expected: '0' },
    { id: 'ffffffffffffffffff', base: 'hex', expected: '4722366482869645213695' },
    { id: 'a1f', base: 'decimal', expected: undefined },
    { id: '4f1c-77', base: 'hex', expected: undefined },
    { id: '', base: 'hex', expected: undefined },
  ] as const
  for (const c of cases) {
    it(`${JSON.stringify(c.id)} read as ${c.base} is ${String(c.expected)}`, () => {
      assert.equal(normaliseCarrierId(c.id, c.base), c.expected)
    })
  }

  it('any id written in hex (any case, any padding) maps back to its value', () => {
    fc.assert(
      fc.property(hexWritten, ({ n, text }) => normaliseCarrierId(text, 'hex') === n.toString()),
      { numRuns: 1000 },
    )
  })

  it('any id written in decimal (any padding) maps back to its value', () => {
    fc.assert(
      fc.property(
        decimalWritten,
        ({ n, text }) => normaliseCarrierId(text, 'decimal') === n.toString(),
      ),
      { numRuns: 1000 },
    )
  })
})

describe('carrierIdKeys', () => {
  it("the brief's example: '0000A1F', 'a1f' and '2591' all match under 'auto'", () => {
    const [padded, hex, decimal] = ['0000A1F', 'a1f', '2591'].map((id) => carrierIdKeys(id, 'auto'))
    assert.ok(matches(padded!, hex!) && matches(padded!, decimal!) && matches(hex!, decimal!))
  })

  it('with declared bases, a hex submit id matches its decimal receipt id', () => {
    fc.assert(
      fc.property(value, padding, padding, (n, p1, p2) => {
        const submitted = carrierIdKeys('0'.repeat(p1) + n.toString(16).toUpperCase(), 'hex')
        const receipt = carrierIdKeys('0'.repeat(p2) + n.toString(10), 'decimal')
        return matches(submitted, receipt)
      }),
      { numRuns: 1000 },
    )
  })

  it("with 'auto', the same value written either way always shares a key", () => {
    fc.assert(
      fc.property(hexWritten, decimalWritten, (hex, decimal) => {
        const sameValue = { ...decimal, text: '0'.repeat(3) + hex.n.toString(10) }
        return matches(carrierIdKeys(hex.text, 'auto'), carrierIdKeys(sameValue.text, 'auto'))
      }),
      { numRuns: 1000 },
    )
  })

  it('with declared bases, different values never match', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        fc.pre(a !== b)
        return !matches(
          carrierIdKeys(a.toString(16), 'hex'),
          carrierIdKeys(b.toString(10), 'decimal'),
        )
      }),
      { numRuns: 1000 },
    )
  })

  it('opaque ids match only themselves, ignoring case and spaces', () => {
    assert.ok(matches(carrierIdKeys(' Msg-7F ', 'hex'), carrierIdKeys('msg-7f', 'decimal')))
    assert.ok(!matches(carrierIdKeys('msg-7f', 'hex'), carrierIdKeys('msg-7e', 'hex')))
  })
})
