import type { Language } from '../language.ts'
import { compileKeywordSet, phraseAt } from './compile-keyword-set.ts'
import type { CompiledKeywordSet, KeywordPhrase } from './compile-keyword-set.ts'
import { guessLanguage } from './guess-language.ts'
import type { KeywordGroupName, KeywordIntent, KeywordSet } from './keyword-set.ts'
import { keywordTokens } from './normalise-keyword-text.ts'
import { POLITENESS_PHRASES } from './politeness-words.ts'

export interface KeywordClassification {
  readonly intent: KeywordIntent
  /** The keyword's language (ARRET → 'fr'); for 'none', a guess from the text, else 'en'. */
  readonly language: Language
  /** The configured word that matched, for opt_out, opt_in, help and possible_opt_out. */
  readonly keyword?: string
}

export interface KeywordContext {
  /** We just asked this number to confirm an opt-in: YES/OUI then count as opt-in. */
  readonly awaitingOptInReply?: boolean
}

const INTENTS: Readonly<Record<KeywordGroupName, KeywordIntent>> = {
  optOut: 'opt_out',
  optIn: 'opt_in',
  help: 'help',
}

/**
 * Classifies an inbound text against a keyword set (REFERENCE.md "Keywords": matched on the
 * whole message, case- and accent-insensitive, trimmed, surrounding punctuation ignored).
 * - opt_out / opt_in / help: the whole message is keywords of one group, optionally with
 *   courtesy words around them ("Stop.", "STOP!!", "Arrêt", "stop please", "STOP merci").
 * - possible_opt_out: an opt-out word appears in a longer message ("please stop texting me",
 *   "I want to stop by the office"): an agent decides; the FCC lets people revoke consent by
 *   any reasonable means, so these are never ignored.
 * - none: anything else. Opt-in and help words inside a longer message are not keywords:
 *   "Help me with my BCeID" is a question for an agent, not a HELP request.
 * YES/OUI count as opt-in only when `context.awaitingOptInReply`. Never throws.
 * @example classifyKeyword('Arrêt svp', DEFAULT_KEYWORDS) // { intent: 'opt_out', language: 'fr', keyword: 'ARRET' }
 * @example classifyKeyword('stop sending me bills?', DEFAULT_KEYWORDS).intent // 'possible_opt_out'
 */
export function classifyKeyword(
  text: string,
  set: KeywordSet,
  context: KeywordContext = {},
): KeywordClassification {
  const tokens = keywordTokens(text)
  const compiled = compileKeywordSet(set)
  const whole = wholeMessageKeyword(tokens, compiled, context.awaitingOptInReply === true)
  if (whole !== undefined) return result(INTENTS[whole.group], whole, tokens)
  const optOut = firstOptOutWord(tokens, compiled)
  if (optOut !== undefined) return result('possible_opt_out', optOut, tokens)
  return { intent: 'none', language: guessLanguage(tokens) }
}

function result(
  intent: KeywordIntent,
  phrase: KeywordPhrase,
  tokens: readonly string[],
): KeywordClassification {
  return { intent, language: phraseLanguage(phrase, tokens), keyword: phrase.keyword }
}

/** A word listed in both languages (INFO) answers in the language the rest of the text suggests. */
function phraseLanguage(phrase: KeywordPhrase, tokens: readonly string[]): Language {
  const [first = 'en'] = phrase.languages
  if (phrase.languages.length === 1) return first
  const guess = guessLanguage(tokens)
  return phrase.languages.includes(guess) ? guess : first
}

/**
 * The first keyword when the message is only keywords of one group and courtesy phrases;
 * undefined otherwise. Keywords are tried before courtesy phrases at each position.
 */
function wholeMessageKeyword(
  tokens: readonly string[],
  compiled: CompiledKeywordSet,
  awaitingOptInReply: boolean,
): KeywordPhrase | undefined {
  let first: KeywordPhrase | undefined
  let at = 0
  while (at < tokens.length) {
    const phrase = phraseAt(compiled, tokens, at)
    if (phrase !== undefined && (!phrase.replyOnly || awaitingOptInReply)) {
      if (first !== undefined && phrase.group !== first.group) return undefined
      first ??= phrase
      at += phrase.tokens.length
      continue
    }
    const courtesy = politenessAt(tokens, at)
    if (courtesy === 0) return undefined
    at += courtesy
  }
  return first
}

/** Length in tokens of the longest courtesy phrase at tokens[at], 0 if none. */
function politenessAt(tokens: readonly string[], at: number): number {
  let longest = 0
  for (const { tokens: words } of POLITENESS_PHRASES) {
    if (words.length > longest && words.every((w, k) => tokens[at + k] === w))
      longest = words.length
  }
  return longest
}

function firstOptOutWord(
  tokens: readonly string[],
  compiled: CompiledKeywordSet,
): KeywordPhrase | undefined {
  for (let at = 0; at < tokens.length; at++) {
    const phrase = phraseAt(compiled, tokens, at, 'optOut')
    if (phrase !== undefined) return phrase
  }
  return undefined
}
