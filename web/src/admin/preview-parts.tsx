import { forcingUcs2Characters } from '../../../src/domain/segments/forcing-ucs2-characters.ts'
import { format, useText } from '../text/use-text.ts'

interface Part {
  text: string
  units: number
  limit: number
}

/**
 * The text as it will arrive, cut where the phone network cuts it, with every character that
 * forces UCS-2 highlighted.
 */
export function PreviewParts({
  parts,
  language,
}: {
  parts: readonly Part[]
  language: 'en' | 'fr'
}) {
  const text = useText()
  return (
    <ol className="preview-parts" lang={language}>
      {parts.map((part, index) => (
        <li key={index} className="preview-part">
          {parts.length > 1 && (
            <span className="part-label">
              {format(text.admin.templates.partLabel, {
                n: index + 1,
                of: parts.length,
                units: part.units,
                limit: part.limit,
              })}
            </span>
          )}
          <span className="part-text">
            <Highlighted text={part.text} />
          </span>
        </li>
      ))}
    </ol>
  )
}

function Highlighted({ text }: { text: string }) {
  const pieces = []
  let from = 0
  for (const { character, start, end } of forcingUcs2Characters(text)) {
    if (start > from) pieces.push(text.slice(from, start))
    pieces.push(
      <mark key={start} className="ucs2-char">
        {character}
      </mark>,
    )
    from = end
  }
  if (from < text.length) pieces.push(text.slice(from))
  return <>{pieces}</>
}
