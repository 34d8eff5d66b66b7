import { LANGUAGES } from '../language.ts'
import type { Language } from '../language.ts'
import { KEYWORD_GROUPS } from './keyword-set.ts'
import type {
  KeywordGroup,
  KeywordGroupOverride,
  KeywordOverrides,
  KeywordSet,
} from './keyword-set.ts'

/**
 * Applies per-program, then per-sender overrides (in argument order; undefined ones are skipped)
 * to a base set. An override's word list REPLACES that language's list rather than adding to it,
 * so a program can also drop a default word; give the full list you want. Replies replace per
 * language. Languages and groups an override does not mention keep the base values. Returns a
 * new frozen set; the inputs are not changed.
 * @example mergeKeywordSets(DEFAULT_KEYWORDS, { help: { words: { en: ['HELP', 'SUPPORT'] } } }).help.words.en
 * // ['HELP', 'SUPPORT']
 */
export function mergeKeywordSets(
  base: KeywordSet,
  ...overrides: (KeywordOverrides | undefined)[]
): KeywordSet {
  const merged = { ...base }
  for (const override of overrides) {
    if (override === undefined) continue
    for (const name of KEYWORD_GROUPS) {
      const groupOverride = override[name]
      if (groupOverride !== undefined) merged[name] = mergeGroup(merged[name], groupOverride)
    }
  }
  for (const name of KEYWORD_GROUPS) merged[name] = freezeGroup(merged[name])
  return Object.freeze(merged)
}

function mergeGroup(group: KeywordGroup, override: KeywordGroupOverride): KeywordGroup {
  return {
    words: perLanguage(group.words, override.words),
    reply: perLanguage(group.reply, override.reply),
  }
}

function perLanguage<T>(
  base: Record<Language, T>,
  override: Partial<Record<Language, T>> | undefined,
): Record<Language, T> {
  const result = { ...base }
  for (const language of LANGUAGES) {
    const value = override?.[language]
    if (value !== undefined) result[language] = value
  }
  return result
}

function freezeGroup(group: KeywordGroup): KeywordGroup {
  const words = { ...group.words }
  for (const language of LANGUAGES) words[language] = Object.freeze([...words[language]])
  return Object.freeze({ words: Object.freeze(words), reply: Object.freeze({ ...group.reply }) })
}
