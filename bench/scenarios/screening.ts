import { keywordSetFor, screenerFor } from '../../src/config/compiled-rules.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { classifyKeyword } from '../../src/domain/keywords/classify-keyword.ts'
import { screen } from '../../src/domain/screening/screen.ts'
import { fit, measureCases, type BenchCase } from '../harness.ts'
import type { Scenario } from '../scenario.ts'

const FROM = '+16045550123'

/** 160-unit texts to the BCeID number, each meant to take a different path through screen(). */
const SCREEN_TEXTS: readonly { name: string; rule: string; text: string }[] = [
  {
    name: 'keyword rule',
    rule: 'bceid-keyword',
    text: fit('BCeID: I cannot sign in to renew my licence online, please call me back. ', 160),
  },
  {
    name: 'pattern rule',
    rule: 'bceid-mention',
    text: fit('Hello, I have been locked out of my account since this morning, help. ', 160),
  },
  {
    name: 'default rule',
    rule: 'default',
    text: fit('Hello, when does the Victoria office open on Saturdays and is parking free? ', 160),
  },
  {
    name: 'capture + PII',
    rule: 'default',
    text: fit('Hi, my user id: jdoe99 and SIN 046 454 286, card 4111 1111 1111 1111. ', 160),
  },
]

const KEYWORD_TEXTS: readonly { name: string; text: string }[] = [
  { name: 'STOP', text: 'STOP' },
  { name: 'Arrêt svp', text: 'Arrêt svp' },
  {
    name: '160 no keyword',
    text: fit('Hello, when does the Victoria office open on Saturdays and is parking free? ', 160),
  },
  {
    name: '160 possible opt-out',
    text: fit('Please stop sending me these reminders about the appointment I cancelled. ', 160),
  },
]

function cases(): BenchCase[] {
  // Compiled once, as the application does: loadConfig checks and caches the screeners.
  const config = loadConfig({ env: {} })
  const screener = screenerFor(config, 'bceid')
  const to = config.programs.find((p) => p.id === 'bceid')?.sender ?? ''
  const keywords = keywordSetFor(config, { program: 'bceid' })

  const screening = SCREEN_TEXTS.map(({ name, rule, text }) => {
    const input = { text, from: FROM, to }
    const result = screen(screener, input)
    // A bench that silently measured another path would mislead; stop instead.
    if (result.rule !== rule) throw new Error(`${name}: expected rule ${rule}, got ${result.rule}`)
    return {
      name: `screen ${name}`,
      fn: () => screen(screener, input),
      details: { result: result.rule, masked: result.masked.length },
    }
  })
  const classify = KEYWORD_TEXTS.map(({ name, text }) => ({
    name: `classifyKeyword ${name}`,
    fn: () => classifyKeyword(text, keywords),
    details: { result: classifyKeyword(text, keywords).intent, masked: '' },
  }))
  return [...screening, ...classify]
}

/** Inbound throughput: every text is classified for keywords, then screened and masked. */
export const screeningScenario: Scenario = {
  name: 'screening',
  description:
    "screen() with the example's rules and the bceid program's capture, and classifyKeyword",
  run: () => measureCases(cases()),
}
