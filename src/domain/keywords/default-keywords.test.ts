import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { LANGUAGES } from '../language.ts'
import { countSegments } from '../segments/count-segments.ts'
import { DEFAULT_KEYWORDS } from './default-keywords.ts'
import { KEYWORD_GROUPS } from './keyword-set.ts'

// Assumed worst case: a 30-character program name and a 14-character number ('1-800-555-0199').
const fill = (reply: string): string =>
  reply
    .replaceAll('((programName))', 'P'.repeat(30))
    .replaceAll('((supportNumber))', '1-800-555-0199')

describe('DEFAULT_KEYWORDS', () => {
  for (const group of KEYWORD_GROUPS) {
    for (const language of LANGUAGES) {
      const reply = DEFAULT_KEYWORDS[group].reply[language]
      // REFERENCE.md (CWTA): one message of at most 160 characters; French accents like ê force UCS-2.
      it(`${group}/${language} reply is one GSM-7 segment once filled`, () => {
        const count = countSegments(fill(reply))
        assert.deepEqual(count.ucs2Characters, [])
        assert.equal(count.encoding, 'gsm7')
        assert.equal(count.segments, 1)
        assert.ok(fill(reply).length <= 160)
      })
      it(`${group}/${language} reply names the program`, () =>
        assert.match(reply, /\(\(programName\)\)/))
    }
  }

  it('HELP/AIDE replies give the support number (CWTA)', () => {
    for (const language of LANGUAGES)
      assert.match(DEFAULT_KEYWORDS.help.reply[language], /\(\(supportNumber\)\)/)
  })

  it('covers the REFERENCE.md keyword lists', () => {
    const all = (group: (typeof KEYWORD_GROUPS)[number]) =>
      LANGUAGES.flatMap((l) => DEFAULT_KEYWORDS[group].words[l])
    for (const word of [
      'STOP',
      'STOPALL',
      'UNSUBSCRIBE',
      'CANCEL',
      'END',
      'QUIT',
      'REVOKE',
      'OPTOUT',
      'OPT OUT',
      'ARRET',
      'ARRÊT',
      'FIN',
      'ARET',
      'ARRRET',
      'ARÊT',
      'ARRRÊT',
    ]) {
      assert.ok(all('optOut').includes(word), word)
    }
    for (const word of ['START', 'UNSTOP', 'YES', 'ABONNER', 'ABONER', 'ABONNNER'])
      assert.ok(all('optIn').includes(word), word)
    for (const word of ['HELP', 'INFO', 'AIDE']) assert.ok(all('help').includes(word), word)
  })

  it('is frozen', () => {
    assert.ok(Object.isFrozen(DEFAULT_KEYWORDS.optOut.words.en))
    assert.ok(Object.isFrozen(DEFAULT_KEYWORDS.help.reply))
  })
})
