import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { LANGUAGES } from '../language.ts'
import type { Language } from '../language.ts'
import { classifyKeyword } from './classify-keyword.ts'
import { DEFAULT_KEYWORDS } from './default-keywords.ts'
import type { KeywordIntent } from './keyword-set.ts'
import { mergeKeywordSets } from './merge-keyword-sets.ts'
import { keywordTokens } from './normalise-keyword-text.ts'

type Row = [text: string, intent: KeywordIntent, language: Language, keyword?: string]

// REFERENCE.md "Keywords": whole message, case- and accent-insensitive, trimmed, surrounding
// punctuation ignored; "Stop." and "stop please" are opt-outs, "stop the bill from…" is not.
const rows: Row[] = [
  ['STOP', 'opt_out', 'en', 'STOP'],
  ['Stop.', 'opt_out', 'en', 'STOP'],
  ['STOP!!', 'opt_out', 'en', 'STOP'],
  ['  stop  ', 'opt_out', 'en', 'STOP'],
  ['stop please', 'opt_out', 'en', 'STOP'],
  ['Please STOP, thank you!', 'opt_out', 'en', 'STOP'],
  ['STOP merci', 'opt_out', 'en', 'STOP'],
  ['STOP STOP STOP', 'opt_out', 'en', 'STOP'],
  ['Stop all', 'opt_out', 'en', 'STOP ALL'],
  ['stopall', 'opt_out', 'en', 'STOPALL'],
  ['Unsubscribe me', 'opt_out', 'en', 'UNSUBSCRIBE'],
  ['opt out', 'opt_out', 'en', 'OPT OUT'],
  ['Opt-Out', 'opt_out', 'en', 'OPT OUT'],
  ['optout', 'opt_out', 'en', 'OPTOUT'],
  ['REVOKE', 'opt_out', 'en', 'REVOKE'], // FCC 2024 revocation words
  ['quit', 'opt_out', 'en', 'QUIT'],
  ['End', 'opt_out', 'en', 'END'],
  ['cancel', 'opt_out', 'en', 'CANCEL'],
  ['ＳＴＯＰ', 'opt_out', 'en', 'STOP'], // full-width, as some keyboards send it
  ['🛑 STOP 🛑', 'opt_out', 'en', 'STOP'],
  // CWTA French keywords and their misspellings; the reply goes in French.
  ['Arrêt', 'opt_out', 'fr', 'ARRET'],
  ['arret', 'opt_out', 'fr', 'ARRET'],
  ['ARRET SVP', 'opt_out', 'fr', 'ARRET'],
  ["Arrêt, s'il vous plaît", 'opt_out', 'fr', 'ARRET'],
  ['aret', 'opt_out', 'fr', 'ARET'],
  ['Arrret', 'opt_out', 'fr', 'ARRRET'],
  ['arêt', 'opt_out', 'fr', 'ARET'],
  ['fin', 'opt_out', 'fr', 'FIN'],
  ['Désabonner', 'opt_out', 'fr', 'DÉSABONNER'],
  // An opt-out word in a longer message: an agent looks.
  ['stop sending me bills?', 'possible_opt_out', 'en', 'STOP'],
  ['please stop texting me', 'possible_opt_out', 'en', 'STOP'],
  ['I want to stop by the office', 'possible_opt_out', 'en', 'STOP'],
  ['Arrêtez de m’écrire, fin de la discussion', 'possible_opt_out', 'fr', 'FIN'],
  ['STOP HELP', 'possible_opt_out', 'en', 'STOP'],
  // Opt-in.
  ['START', 'opt_in', 'en', 'START'],
  ['unstop', 'opt_in', 'en', 'UNSTOP'],
  ['Abonner', 'opt_in', 'fr', 'ABONNER'],
  ['aboner svp', 'opt_in', 'fr', 'ABONER'],
  ['ABONNNER', 'opt_in', 'fr', 'ABONNNER'],
  ['YES', 'none', 'en'], // not awaiting an opt-in reply
  ['start the car', 'none', 'en'], // opt-in words count only as the whole message
  // Help.
  ['HELP', 'help', 'en', 'HELP'],
  ['help?', 'help', 'en', 'HELP'],
  ['Aide', 'help', 'fr', 'AIDE'],
  ['info', 'help', 'en', 'INFO'],
  ['INFO SVP', 'help', 'fr', 'INFO'], // INFO is bilingual: the courtesy word picks French
  ['Help me with my BCeID', 'none', 'en'], // REFERENCE.md: matched on the whole message
  // Nothing.
  ['', 'none', 'en'],
  ['!!!', 'none', 'en'],
  ['stopped by earlier', 'none', 'en'],
  ['Bonjour, j’ai une question sur ma facture', 'none', 'fr'],
  ['When is my appointment?', 'none', 'en'],
]

describe('classifyKeyword', () => {
  for (const [text, intent, language, keyword] of rows) {
    it(`${JSON.stringify(text)} → ${intent} (${language})`, () => {
      const expected = keyword === undefined ? { intent, language } : { intent, language, keyword }
      assert.deepEqual(classifyKeyword(text, DEFAULT_KEYWORDS), expected)
    })
  }

  it('YES and OUI opt in only as the reply to an opt-in request', () => {
    const awaiting = { awaitingOptInReply: true }
    assert.deepEqual(classifyKeyword('Yes!', DEFAULT_KEYWORDS, awaiting), {
      intent: 'opt_in',
      language: 'en',
      keyword: 'YES',
    })
    assert.deepEqual(classifyKeyword('oui merci', DEFAULT_KEYWORDS, awaiting), {
      intent: 'opt_in',
      language: 'fr',
      keyword: 'OUI',
    })
    assert.equal(classifyKeyword('oui', DEFAULT_KEYWORDS).intent, 'none')
    assert.equal(
      classifyKeyword('yes please', DEFAULT_KEYWORDS, { awaitingOptInReply: false }).intent,
      'none',
    )
    // Opt-out still wins when awaiting.
    assert.equal(classifyKeyword('STOP', DEFAULT_KEYWORDS, awaiting).intent, 'opt_out')
  })

  it('uses the overrides of a merged set', () => {
    const set = mergeKeywordSets(DEFAULT_KEYWORDS, { help: { words: { en: ['SUPPORT'] } } })
    assert.equal(classifyKeyword('support', set).intent, 'help')
    assert.equal(classifyKeyword('help', set).intent, 'none') // the override replaced the list
    assert.equal(classifyKeyword('info', set).intent, 'help') // French list kept
  })

  const optOutWords = LANGUAGES.flatMap((language) =>
    DEFAULT_KEYWORDS.optOut.words[language].map((word) => ({ word, language })),
  )
  const punctuation = fc.string({
    unit: fc.constantFrom(...Array.from(' .,!?;:-"\'()…\t\n🛑')),
    maxLength: 6,
  })
  const randomCase = (word: string, flips: readonly boolean[]): string =>
    Array.from(word)
      .map((c, i) => (flips[i % Math.max(flips.length, 1)] ? c.toLowerCase() : c.toUpperCase()))
      .join('')

  it('property: every default opt-out word, in any case and wrapped in punctuation, is an opt-out', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...optOutWords),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        punctuation,
        punctuation,
        ({ word, language }, flips, before, after) => {
          const text = before + randomCase(word, flips) + after
          const result = classifyKeyword(text, DEFAULT_KEYWORDS)
          assert.equal(result.intent, 'opt_out', text)
          assert.equal(result.language, language)
        },
      ),
      { numRuns: 2000 },
    )
  })

  const allKeywordTokens = new Set(
    (['optOut', 'optIn', 'help'] as const).flatMap((g) =>
      LANGUAGES.flatMap((l) => DEFAULT_KEYWORDS[g].words[l].flatMap(keywordTokens)),
    ),
  )
  const sentence = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'stopped',
          'ending',
          'helpful',
          'information',
          'arrete',
          'final',
          'please',
          'hi',
          'merci',
          'when',
          'bill',
        ),
        fc.string({ maxLength: 8 }),
        fc.string({ unit: 'binary', maxLength: 8 }),
      ),
      { maxLength: 8 },
    )
    .map((words) => words.join(' '))

  it('property: never throws; a text without any keyword word is none', () => {
    fc.assert(
      fc.property(sentence, fc.boolean(), (text, awaitingOptInReply) => {
        const result = classifyKeyword(text, DEFAULT_KEYWORDS, { awaitingOptInReply })
        assert.ok(LANGUAGES.includes(result.language))
        if (!keywordTokens(text).some((t) => allKeywordTokens.has(t))) {
          assert.deepEqual(result, { intent: 'none', language: result.language })
        }
      }),
      { numRuns: 2000 },
    )
  })
})
