import { LANGUAGES } from '../language.ts'
import type { Language } from '../language.ts'
import { REPLY_ONLY_OPT_IN_WORDS } from './default-keywords.ts'
import { KEYWORD_GROUPS } from './keyword-set.ts'
import type { KeywordGroupName, KeywordSet } from './keyword-set.ts'
import { keywordTokens } from './normalise-keyword-text.ts'

/** One configured keyword, ready to match against message tokens. */
export interface KeywordPhrase {
  readonly group: KeywordGroupName
  readonly tokens: readonly string[]
  /** Languages listing this word (INFO may be in both). */
  readonly languages: readonly Language[]
  /** The word as configured, returned to callers. */
  readonly keyword: string
  /** Opt-in only as the reply to an opt-in request (YES, OUI). */
  readonly replyOnly: boolean
}

/** Phrases by their first token, longest first, so 'OPT OUT' is tried before a lone 'OPT'. */
export type CompiledKeywordSet = ReadonlyMap<string, readonly KeywordPhrase[]>

const REPLY_ONLY = new Set(REPLY_ONLY_OPT_IN_WORDS)
// Sets come from frozen config and are reused for every inbound message: compile each once.
const cache = new WeakMap<KeywordSet, CompiledKeywordSet>()

/**
 * Normalises every word of a set once; cached per set object, so a set must not be mutated after
 * first use (DEFAULT_KEYWORDS and mergeKeywordSets results are frozen).
 */
export function compileKeywordSet(set: KeywordSet): CompiledKeywordSet {
  const cached = cache.get(set)
  if (cached !== undefined) return cached
  const byKey = new Map<string, { phrase: KeywordPhrase; languages: Language[] }>()
  for (const group of KEYWORD_GROUPS) {
    for (const language of LANGUAGES) {
      for (const word of set[group].words[language]) {
        const tokens = keywordTokens(word)
        if (tokens.length === 0) continue
        const key = tokens.join(' ')
        // A word in two groups keeps its first (opt-out wins: honouring it is the safe side).
        const existing = byKey.get(key)
        if (existing !== undefined) {
          if (existing.phrase.group === group && !existing.languages.includes(language)) {
            existing.languages.push(language)
          }
          continue
        }
        const languages = [language]
        const replyOnly = group === 'optIn' && REPLY_ONLY.has(key)
        byKey.set(key, {
          phrase: { group, tokens, languages, keyword: word, replyOnly },
          languages,
        })
      }
    }
  }
  const compiled = new Map<string, KeywordPhrase[]>()
  for (const { phrase } of byKey.values()) {
    const first = phrase.tokens[0] as string
    const list = compiled.get(first) ?? []
    list.push(phrase)
    compiled.set(first, list)
  }
  for (const list of compiled.values()) list.sort((a, b) => b.tokens.length - a.tokens.length)
  cache.set(set, compiled)
  return compiled
}

/** The longest phrase (of `group`, when given) starting at tokens[at], if any. */
export function phraseAt(
  compiled: CompiledKeywordSet,
  tokens: readonly string[],
  at: number,
  group?: KeywordGroupName,
): KeywordPhrase | undefined {
  const candidates = compiled.get(tokens[at] ?? '')
  return candidates?.find(
    (p) =>
      (group === undefined || p.group === group) && p.tokens.every((t, k) => tokens[at + k] === t),
  )
}
