import { DEFAULT_KEYWORDS } from '../domain/keywords/default-keywords.ts'
import {
  KEYWORD_GROUPS,
  type KeywordGroupName,
  type KeywordOverrides,
} from '../domain/keywords/keyword-set.ts'
import { keywordTokens } from '../domain/keywords/normalise-keyword-text.ts'
import { LANGUAGES, type Language } from '../domain/language.ts'
import type { ConfigProblem } from './config-error.ts'
import type { RawConfig } from './schema.ts'

/** One level of overrides (top-level, a program, a sender) and where it sits in the file. */
interface Layer {
  readonly path: string
  readonly overrides: KeywordOverrides | undefined
}

interface Entry {
  readonly group: KeywordGroupName
  readonly word: string
  /** Path of the word in the file; undefined for a built-in default. */
  readonly path: string | undefined
  /** Position of its layer: later layers are more specific; -1 for defaults. */
  readonly rank: number
}

const INTENT_NAMES: Readonly<Record<KeywordGroupName, string>> = {
  optOut: 'an opt-out',
  optIn: 'an opt-in',
  help: 'a help',
}

/**
 * Checks the keyword overrides (top-level `keywords`, each program's, each sender's) as they
 * combine at run time: merged over DEFAULT_KEYWORDS, in that order, for the top level alone,
 * each sender, and each program with its sender. Reports a word with no letter or digit (it can
 * never match) and a word that belongs to two intents once merged (matching is language- and
 * accent-insensitive, so "FIN" in French opt-out and English help collide): which one the
 * citizen meant would be a guess, so the word is reported where the later override added it.
 * @example checkKeywords({ keywords: { help: { words: { en: ['HELP', 'STOP'] } } }, programs: [], senders: [] })
 * // [{ path: '/keywords/help/words/en/1', expected: 'a word of one intent only (…)', got: '"STOP"' }]
 */
export function checkKeywords(
  config: Pick<RawConfig, 'keywords' | 'programs' | 'senders'>,
): ConfigProblem[] {
  const top: Layer = { path: '/keywords', overrides: config.keywords }
  const combinations: Layer[][] = [[top]]
  config.senders.forEach((sender, i) =>
    combinations.push([top, { path: `/senders/${i}/keywords`, overrides: sender.keywords }]),
  )
  config.programs.forEach((program, i) => {
    const layers: Layer[] = [top, { path: `/programs/${i}/keywords`, overrides: program.keywords }]
    const s = config.senders.findIndex((sender) => sender.number === program.sender)
    const sender = config.senders[s]
    if (sender !== undefined)
      layers.push({ path: `/senders/${s}/keywords`, overrides: sender.keywords })
    combinations.push(layers)
  })

  const problems = new Map<string, ConfigProblem>()
  for (const layers of combinations) {
    if (layers.every((layer) => layer.overrides === undefined)) continue
    for (const problem of checkCombination(layers)) problems.set(problem.path, problem)
  }
  return [...problems.values()]
}

function checkCombination(layers: readonly Layer[]): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const byKey = new Map<string, Entry[]>()
  for (const group of KEYWORD_GROUPS) {
    for (const language of LANGUAGES) {
      const { words, path, rank } = wordsFor(layers, group, language)
      words.forEach((word, index) => {
        const entry: Entry = {
          group,
          word,
          path: path === undefined ? undefined : `${path}/${index}`,
          rank,
        }
        const key = keywordTokens(word).join(' ')
        if (key === '') {
          if (entry.path !== undefined)
            problems.push({
              path: entry.path,
              expected: 'a keyword with a letter or digit',
              got: JSON.stringify(word),
            })
          return
        }
        byKey.set(key, [...(byKey.get(key) ?? []), entry])
      })
    }
  }
  for (const entries of byKey.values()) {
    const conflict = conflictOf(entries)
    if (conflict !== undefined) problems.push(conflict)
  }
  return problems
}

/** The word list in force for a group and language: the last layer that sets it, else the default. */
function wordsFor(
  layers: readonly Layer[],
  group: KeywordGroupName,
  language: Language,
): { words: readonly string[]; path: string | undefined; rank: number } {
  for (let rank = layers.length - 1; rank >= 0; rank--) {
    const layer = layers[rank]
    const words = layer?.overrides?.[group]?.words?.[language]
    if (layer !== undefined && words !== undefined)
      return { words, path: `${layer.path}/${group}/words/${language}`, rank }
  }
  return { words: DEFAULT_KEYWORDS[group].words[language], path: undefined, rank: -1 }
}

/** A problem at the most specific entry when the same word is in two groups. */
function conflictOf(entries: readonly Entry[]): ConfigProblem | undefined {
  const groups = new Set(entries.map((e) => e.group))
  if (groups.size < 2) return undefined
  // The most specific layer is to blame; within one layer, the word added beside an opt-out word.
  const optOutLast = (e: Entry) => Number(e.group === 'optOut')
  const sorted = [...entries].sort((a, b) => b.rank - a.rank || optOutLast(a) - optOutLast(b))
  const culprit = sorted[0]
  const other = sorted.find((e) => e.group !== culprit?.group)
  if (culprit?.path === undefined || other === undefined) return undefined
  const where = other.path === undefined ? 'by default' : `at ${other.path}`
  return {
    path: culprit.path,
    expected: `a word of one intent only (it is also ${INTENT_NAMES[other.group]} word ${where})`,
    got: JSON.stringify(culprit.word),
  }
}
