// What the `smpp` package (0.5.x) does with text, pinned down because the gateway relies on it:
// it must write exactly what splitSegments counted (REFERENCE.md, encoding and segments).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import smpp from 'smpp'
import {
  GSM7_BASIC_CHARACTERS,
  GSM7_EXTENSION_CHARACTERS,
} from '../../domain/segments/gsm7-alphabet.ts'
import { splitSegments } from '../../domain/segments/split-segments.ts'

const gsmText = fc.string({
  // Every GSM-7 character is one UTF-16 unit, so splitting by code unit is exact here.
  unit: fc.constantFrom(...(GSM7_BASIC_CHARACTERS + GSM7_EXTENSION_CHARACTERS).split('')),
  maxLength: 200,
})

function roundTrip(fields: Record<string, unknown>): { dataCoding: unknown; text: unknown } {
  const decoded = new smpp.PDU(new smpp.PDU('submit_sm', fields).toBuffer())
  return {
    dataCoding: decoded.data_coding,
    text: (decoded.short_message as { message?: unknown }).message,
  }
}

describe('smpp package encodings', () => {
  it('data_coding 0 writes GSM 03.38, one septet per octet, for every GSM-7 text', () => {
    fc.assert(
      fc.property(gsmText, (text) => {
        assert.equal(splitSegments(text).encoding, 'gsm7')
        const bytes = smpp.encodings.ASCII.encode(text)
        const septets = text
          .split('')
          .reduce((n, c) => n + (GSM7_EXTENSION_CHARACTERS.includes(c) ? 2 : 1), 0)
        assert.equal(bytes.length, septets) // unpacked: escape pairs take two octets
        assert.ok(bytes.every((b) => b < 0x80))
        assert.equal(roundTrip({ data_coding: 0, short_message: text }).text, text)
      }),
      { numRuns: 1000 },
    )
  })

  it('writes € as the escape pair 1B 65 and é as 05 (3GPP TS 23.038)', () => {
    assert.deepEqual([...smpp.encodings.ASCII.encode('€é')], [0x1b, 0x65, 0x05])
  })

  it('data_coding 8 writes UTF-16 big-endian, emoji as surrogate pairs', () => {
    assert.deepEqual([...smpp.encodings.UCS2.encode('ç😀')], [0x00, 0xe7, 0xd8, 0x3d, 0xde, 0x00])
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        assert.equal(roundTrip({ data_coding: 8, short_message: text }).text, text)
      }),
      { numRuns: 1000 },
    )
  })

  it('left unset, data_coding is chosen by the package as 0x01 (IA5) or 0x03 (Latin-1): we always set it', () => {
    assert.equal(roundTrip({ short_message: 'hello' }).dataCoding, 0x01)
    assert.equal(roundTrip({ short_message: 'ça' }).dataCoding, 0x03)
  })

  it('a character outside GSM-7 sent as data_coding 0 silently becomes @ (0x00): only splitSegments decides the coding', () => {
    // The package means to write a space but pushes the string ' ' into a byte array (→ 0).
    assert.equal(roundTrip({ data_coding: 0, short_message: 'ça' }).text, '@a')
  })
})
