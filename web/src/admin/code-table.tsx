import { useId } from 'react'
import { useText } from '../text/use-text.ts'
import type { NamedCode } from '../api/types.ts'

/** A titled two-column table of codes (or ids) and their labels. */
export function CodeTable({ title, rows }: { title: string; rows: readonly NamedCode[] }) {
  const text = useText()
  const id = useId()
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{text.admin.routing.code}</th>
            <th scope="col">{text.admin.routing.label}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code}>
              <td>
                <code>{row.code}</code>
              </td>
              <td>{row.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
