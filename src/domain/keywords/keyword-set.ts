import type { Language } from '../language.ts'

/** What an inbound text asks for. 'possible_opt_out' means an opt-out word inside a longer message: an agent looks. */
export type KeywordIntent = 'opt_out' | 'opt_in' | 'help' | 'possible_opt_out' | 'none'

/** The words of one keyword group, per language, and the reply sent in that language. */
export interface KeywordGroup {
  words: Record<Language, readonly string[]>
  /** May contain the placeholders ((programName)) and ((supportNumber)), filled by the caller. */
  reply: Record<Language, string>
}

export interface KeywordSet {
  optOut: KeywordGroup
  optIn: KeywordGroup
  help: KeywordGroup
}

/** Per-program or per-sender changes to a group: each language given replaces that language. */
export interface KeywordGroupOverride {
  words?: Partial<Record<Language, readonly string[]>>
  reply?: Partial<Record<Language, string>>
}

export interface KeywordOverrides {
  optOut?: KeywordGroupOverride
  optIn?: KeywordGroupOverride
  help?: KeywordGroupOverride
}

/** The group names of a KeywordSet, in the order classification tries them. */
export const KEYWORD_GROUPS = ['optOut', 'optIn', 'help'] as const

export type KeywordGroupName = (typeof KEYWORD_GROUPS)[number]
