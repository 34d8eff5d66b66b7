import { format, useText } from '../text/use-text.ts'
import { codePoint } from '../ui/code-point.ts'

/** Characters that are invisible or look like a plain space, shown by their code instead. */
const INVISIBLE = /^[\s\u00a0\u200b-\u200f\u202f\u2060\ufeff]$/u

/**
 * A character that forces UCS-2, highlighted; an invisible one (no-break space…) is shown as
 * its code point so the person can find it.
 * @example <CharacterMark character="ê" />
 */
export function CharacterMark({ character }: { character: string }) {
  const text = useText()
  const code = codePoint(character)
  if (INVISIBLE.test(character))
    return (
      <mark className="ucs2-char" title={code}>
        {format(text.admin.templates.invisibleCharacter, { code })}
      </mark>
    )
  return (
    <mark className="ucs2-char" title={code}>
      {character}
    </mark>
  )
}
