import { useState } from 'react'
import { listPlaceholders } from '../../../src/domain/templates/list-placeholders.ts'
import type { Messages } from '../text/en.ts'
import { useText } from '../text/use-text.ts'

type Values = Record<string, string>

/**
 * The placeholders the bodies use, each with a sample value (a plausible one for names the
 * catalogue knows, else empty so the `((name))` token shows), and a setter.
 * @example const [values, setValue] = useSampleValues(['Hi ((name))']) // [{ name: 'Alex' }, …]
 */
export function useSampleValues(
  bodies: readonly string[],
): [Values, (name: string, value: string) => void] {
  const text = useText()
  const [edited, setEdited] = useState<Values>({})
  const names = [...new Set(bodies.flatMap(listPlaceholders))]
  const values: Values = {}
  for (const name of names) values[name] = edited[name] ?? sampleFor(text, name)
  const setValue = (name: string, value: string) => setEdited((old) => ({ ...old, [name]: value }))
  return [values, setValue]
}

function sampleFor(text: Messages, name: string): string {
  const samples: Record<string, string> = text.admin.templates.samples
  return Object.hasOwn(samples, name) ? (samples[name] ?? '') : ''
}

/** One labelled field per placeholder; both languages' previews use these values. */
export function SampleValues({
  values,
  onChange,
}: {
  values: Values
  onChange: (name: string, value: string) => void
}) {
  const text = useText()
  const names = Object.keys(values)
  if (names.length === 0) return <p className="muted">{text.admin.templates.noPlaceholders}</p>
  return (
    <fieldset className="panel sample-values">
      <legend>{text.admin.templates.sampleValues}</legend>
      <div className="sample-grid">
        {names.map((name) => (
          <label key={name} className="field">
            <span>{name}</span>
            <input value={values[name] ?? ''} onChange={(e) => onChange(name, e.target.value)} />
          </label>
        ))}
      </div>
    </fieldset>
  )
}
