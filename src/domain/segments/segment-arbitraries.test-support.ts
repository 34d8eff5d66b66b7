import fc from 'fast-check'
import { GSM7_BASIC_CHARACTERS, GSM7_EXTENSION_CHARACTERS } from './gsm7-alphabet.ts'

/** Arbitraries shared by the segment property tests (not a test file itself). */
export const gsmBasicChar = fc.constantFrom(...Array.from(GSM7_BASIC_CHARACTERS))
export const gsmExtensionChar = fc.constantFrom(...Array.from(GSM7_EXTENSION_CHARACTERS))
export const nonGsmChar = fc.constantFrom(
  'ê',
  'ç',
  'À',
  'È',
  'û',
  '’',
  '你',
  '😀',
  '👍🏽',
  '\u{1F1E8}\u{1F1E6}',
)
/** Any single UTF-16 code unit, lone surrogates included. */
export const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))

/** Pure GSM-7 text, weighted towards extension characters so escape pairs meet part boundaries. */
export const gsmText = fc
  .array(
    fc.oneof({ weight: 4, arbitrary: gsmBasicChar }, { weight: 1, arbitrary: gsmExtensionChar }),
    {
      maxLength: 500,
    },
  )
  .map((chars) => chars.join(''))

/** Mixed text: GSM-7, extension, non-GSM, emoji and lone surrogates, up to several segments. */
export const mixedText = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: gsmBasicChar },
      { weight: 1, arbitrary: gsmExtensionChar },
      { weight: 1, arbitrary: nonGsmChar },
      { weight: 1, arbitrary: anyCodeUnit },
    ),
    { maxLength: 400 },
  )
  .map((chars) => chars.join(''))

export const anyText = fc.oneof(gsmText, mixedText, fc.string({ unit: 'binary', maxLength: 300 }))
