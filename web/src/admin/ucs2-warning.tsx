import type { Ucs2Occurrence } from '../../../src/domain/segments/forcing-ucs2-characters.ts'
import { format, useText } from '../text/use-text.ts'
import { Notice } from '../ui/feedback.tsx'
import { CharacterMark } from './character-mark.tsx'

/**
 * Says plainly that a text is UCS-2, what that costs, and which characters force it (each
 * once), with a GSM-7 stand-in where one exists (’ → ').
 */
export function Ucs2Warning({
  languageName,
  count,
}: {
  languageName: string
  count: {
    encoding: 'gsm7' | 'ucs2'
    perSegment: number
    ucs2Characters: readonly Ucs2Occurrence[]
  }
}) {
  const text = useText()
  const t = text.admin.templates
  if (count.encoding !== 'ucs2') return null
  const distinct = new Map<string, Ucs2Occurrence>()
  for (const occurrence of count.ucs2Characters)
    if (!distinct.has(occurrence.character)) distinct.set(occurrence.character, occurrence)
  const characters = [...distinct.values()]
  const replaceable = characters.filter((c) => c.suggestion !== undefined)
  return (
    <Notice tone="warning">
      {format(t.ucs2Warning, { language: languageName, n: count.perSegment })}{' '}
      <span className="inline-list">
        {characters.map((c) => (
          <CharacterMark key={c.character} character={c.character} />
        ))}
      </span>
      {replaceable.length > 0 && (
        <span className="ucs2-suggestions">
          {' '}
          {t.ucs2Suggestions}{' '}
          {replaceable.map((c) => (
            <span key={c.character} className="suggestion">
              <CharacterMark character={c.character} /> → <code>{c.suggestion}</code>
            </span>
          ))}
        </span>
      )}
    </Notice>
  )
}
