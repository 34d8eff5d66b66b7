import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  GSM7_BASIC_CHARACTERS,
  GSM7_EXTENSION_CHARACTERS,
  gsm7SeptetCount,
  isGsm7Character,
} from './gsm7-alphabet.ts'

describe('GSM-7 alphabet (3GPP TS 23.038)', () => {
  it('the basic table holds 127 distinct characters (128 codes minus the escape)', () => {
    assert.equal(new Set(GSM7_BASIC_CHARACTERS).size, 127)
    assert.equal(Array.from(GSM7_BASIC_CHARACTERS).length, 127)
  })

  it('the extension table holds ^ { } \\ [ ~ ] | € and form feed (REFERENCE.md)', () => {
    assert.deepEqual(
      Array.from(GSM7_EXTENSION_CHARACTERS).sort(),
      Array.from('^{}\\[~]|€\f').sort(),
    )
  })

  const rows: [string, boolean][] = [
    ['@', true],
    ['Δ', true],
    ['ß', true],
    ['¤', true],
    ['`', false], // the backtick is not in GSM-7
    ['\x1b', false], // the escape code itself is not a character
    ['ç', false],
    ['Ç', true],
    ['€', true],
    ['😀', false],
  ]
  for (const [char, expected] of rows) {
    it(`${JSON.stringify(char)} is ${expected ? '' : 'not '}GSM-7`, () =>
      assert.equal(isGsm7Character(char), expected))
  }

  it('counts septets, or -1 when the text needs UCS-2', () => {
    assert.equal(gsm7SeptetCount('[1]'), 5)
    assert.equal(gsm7SeptetCount('Île'), -1)
  })
})
