/** What a citizen's reply to a survey says: a 1–5 rating, or words an agent should read. */
export type SurveyReply =
  { kind: 'rating'; rating: 1 | 2 | 3 | 4 | 5 } | { kind: 'text'; text: string }

const WORDS: Record<string, 1 | 2 | 3 | 4 | 5> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
}

/**
 * Reads a survey reply: a digit 1–5 on its own (with stray punctuation,
 * "/5" or "out of 5"), or the number as an English or French word, is a
 * rating; anything else is free text.
 * @example parseSurveyReply(' 4/5! ') // { kind: 'rating', rating: 4 }
 * @example parseSurveyReply('Cinq') // { kind: 'rating', rating: 5 }
 * @example parseSurveyReply('5 but the wait was long') // { kind: 'text', text: '5 but the wait was long' }
 */
export function parseSurveyReply(body: string): SurveyReply {
  const text = body.trim()
  const bare = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\s*(\/\s*5|out of 5|sur 5)\s*/u, '')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
  if (/^[1-5]$/.test(bare)) return { kind: 'rating', rating: Number(bare) as 1 | 2 | 3 | 4 | 5 }
  const word = WORDS[bare]
  if (word) return { kind: 'rating', rating: word }
  return { kind: 'text', text }
}
