import { keywordSetFor, screenerFor } from '../config/compiled-rules.ts'
import type { Config, ProgramConfig } from '../config/schema.ts'
import { classifyKeyword, type KeywordClassification } from '../domain/keywords/classify-keyword.ts'
import { DEFAULT_KEYWORDS } from '../domain/keywords/default-keywords.ts'
import type { KeywordSet } from '../domain/keywords/keyword-set.ts'
import { screen, type ScreeningResult } from '../domain/screening/screen.ts'
import { countSegments } from '../domain/segments/count-segments.ts'
import type { StagedText } from '../store/inbound-texts.ts'
import type { NewMessage } from '../store/messages.ts'
import { newMessage } from './new-message.ts'

/** A citizen's text as Parley reads it, before anything is stored. */
export interface ReadText {
  staged: StagedText
  program: ProgramConfig | undefined
  keywords: KeywordSet
  intent: KeywordClassification
  screened: ScreeningResult
  /** The row the text is stored as: masked, as agents see it; its id is the staged text's. */
  message: NewMessage
}

/**
 * Reads one inbound text: its program (the one sending from the number it was sent to), the
 * keyword it is (STOP, ARRET, HELP… or none), its screening (queue, skills, captures) and the
 * masked body it is stored with. Pure but for the configuration's compiled rules (cached).
 * @example readInboundText(config, staged).intent.intent // 'opt_out'
 */
export function readInboundText(config: Config, staged: StagedText): ReadText {
  const program = config.programs.find((p) => p.sender === staged.to)
  const screened = screen(screenerFor(config, program?.id), {
    text: staged.body,
    from: staged.from,
    to: staged.to,
  })
  const keywords = keywordsFor(config, program, staged.to)
  const count = countSegments(staged.body)
  const message = newMessage({
    id: staged.id,
    createdAt: staged.receivedAt,
    direction: 'inbound',
    program: program?.id,
    from: staged.from,
    to: staged.to,
    body: screened.maskedText, // the PII at rest is what agents see: masked
    encoding: count.encoding,
    segments: count.segments,
    status: 'delivered', // final on arrival
    nextAttemptAt: undefined,
    trunk: staged.trunk,
  })
  return {
    staged,
    program,
    keywords,
    intent: classifyKeyword(staged.body, keywords),
    screened,
    message,
  }
}

function keywordsFor(config: Config, program: ProgramConfig | undefined, to: string): KeywordSet {
  try {
    return keywordSetFor(config, { program: program?.id, sender: to })
  } catch {
    return DEFAULT_KEYWORDS // a number we do not own: the defaults still honour STOP
  }
}
