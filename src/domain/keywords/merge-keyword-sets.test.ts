import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { DEFAULT_KEYWORDS } from './default-keywords.ts'
import { mergeKeywordSets } from './merge-keyword-sets.ts'
import type { KeywordOverrides } from './keyword-set.ts'

describe('mergeKeywordSets', () => {
  it('with no overrides returns an equal set', () => {
    assert.deepEqual(mergeKeywordSets(DEFAULT_KEYWORDS), DEFAULT_KEYWORDS)
    assert.deepEqual(mergeKeywordSets(DEFAULT_KEYWORDS, undefined, {}), DEFAULT_KEYWORDS)
  })

  it('override words replace that language only; replies replace per language', () => {
    const merged = mergeKeywordSets(DEFAULT_KEYWORDS, {
      optOut: { words: { en: ['STOP', 'REMOVE'] }, reply: { fr: 'Programme : désabonné.' } },
    })
    assert.deepEqual(merged.optOut.words.en, ['STOP', 'REMOVE'])
    assert.deepEqual(merged.optOut.words.fr, DEFAULT_KEYWORDS.optOut.words.fr)
    assert.equal(merged.optOut.reply.fr, 'Programme : désabonné.')
    assert.equal(merged.optOut.reply.en, DEFAULT_KEYWORDS.optOut.reply.en)
    assert.deepEqual(merged.help, DEFAULT_KEYWORDS.help)
  })

  it('program then sender: the later override wins', () => {
    const program: KeywordOverrides = {
      help: { reply: { en: 'program help' }, words: { en: ['HELP'] } },
    }
    const sender: KeywordOverrides = { help: { reply: { en: 'sender help' } } }
    const merged = mergeKeywordSets(DEFAULT_KEYWORDS, program, undefined, sender)
    assert.equal(merged.help.reply.en, 'sender help')
    assert.deepEqual(merged.help.words.en, ['HELP'])
  })

  it('does not change its inputs and returns a frozen set', () => {
    const override: KeywordOverrides = { optIn: { words: { fr: ['OUI'] } } }
    const before = structuredClone(override)
    const merged = mergeKeywordSets(DEFAULT_KEYWORDS, override)
    assert.deepEqual(override, before)
    assert.ok(Object.isFrozen(merged) && Object.isFrozen(merged.optIn.words.fr))
    assert.ok(DEFAULT_KEYWORDS.optIn.words.fr.includes('ABONNER'))
  })

  it('property: every language and group not overridden keeps its base value', () => {
    const words = fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 })
    const groupOverride = fc.record(
      {
        words: fc.record({ en: words, fr: words }, { requiredKeys: [] }),
        reply: fc.record({ en: fc.string(), fr: fc.string() }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    )
    const overrides = fc.record(
      { optOut: groupOverride, optIn: groupOverride, help: groupOverride },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(overrides, (o: KeywordOverrides) => {
        const merged = mergeKeywordSets(DEFAULT_KEYWORDS, o)
        for (const group of ['optOut', 'optIn', 'help'] as const) {
          for (const language of ['en', 'fr'] as const) {
            assert.deepEqual(
              merged[group].words[language],
              o[group]?.words?.[language] ?? DEFAULT_KEYWORDS[group].words[language],
            )
            assert.equal(
              merged[group].reply[language],
              o[group]?.reply?.[language] ?? DEFAULT_KEYWORDS[group].reply[language],
            )
          }
        }
      }),
      { numRuns: 1000 },
    )
  })
})
