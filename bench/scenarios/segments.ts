import { countSegments } from '../../src/domain/segments/count-segments.ts'
import { splitSegments } from '../../src/domain/segments/split-segments.ts'
import { fit, measureCases, type BenchCase } from '../harness.ts'
import type { Scenario } from '../scenario.ts'

/** 160 UTF-16 units each: one full GSM-7 segment, or 3 UCS-2 segments. */
const TEXTS: readonly { name: string; text: string }[] = [
  {
    name: 'gsm7 plain',
    text: fit('Service BC: reminder of your appointment on 2026-03-02 at 10:30, Victoria. ', 160),
  },
  {
    // Extension characters cost two septets each (REFERENCE.md), so this is 2 segments.
    name: 'gsm7 extension',
    text: fit('Balance [due]: {12.50 €} ~ pay at ^portal^ | ref \\A-7\\ ', 160),
  },
  {
    // ê and ç force UCS-2 (REFERENCE.md, French accents).
    name: 'french ucs2',
    text: fit(
      'Service BC : êtes-vous satisfait de votre visite? Nous avons reçu votre message. ',
      160,
    ),
  },
  {
    // Emoji are surrogate pairs: 2 units each, never split across parts.
    name: 'emoji',
    text: fit('Thanks 👍 see you soon 🙂 🇨🇦 ', 160),
  },
]

function cases(): BenchCase[] {
  const counted = TEXTS.map(({ name, text }) => {
    const count = countSegments(text)
    return {
      name: `countSegments ${name}`,
      fn: () => countSegments(text),
      details: { encoding: count.encoding, segments: count.segments },
    }
  })
  const split = TEXTS.map(({ name, text }) => {
    const count = countSegments(text)
    return {
      name: `splitSegments ${name}`,
      fn: () => splitSegments(text),
      details: { encoding: count.encoding, segments: count.segments },
    }
  })
  return [...counted, ...split]
}

/** How fast segment counting (run under every keystroke and every send) and splitting are. */
export const segmentsScenario: Scenario = {
  name: 'segments',
  description: 'countSegments and splitSegments on 160-unit texts (median of 5 runs)',
  run: () => measureCases(cases()),
}
