import { useText } from '../text/use-text.ts'
import type { KeywordGroup, RoutingConfig } from './admin-types.ts'

const GROUPS = ['optOut', 'optIn', 'help'] as const

/** The keywords in force per sender number (built-ins merged with the configuration's). */
export function KeywordSetsTable({ sets }: { sets: RoutingConfig['keywordSets'] }) {
  const text = useText()
  const t = text.admin.rules
  return (
    <section className="stack" aria-labelledby="keyword-sets-title">
      <h2 id="keyword-sets-title">{t.keywordsTitle}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.columns.sender}</th>
              {GROUPS.map((group) => (
                <th scope="col" key={group}>
                  {t.groups[group]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sets.map((set) => (
              <tr key={set.sender}>
                <th scope="row">
                  <code>{set.sender}</code>
                  {set.label && (
                    <>
                      <br />
                      <span className="muted small">{set.label}</span>
                    </>
                  )}
                </th>
                {GROUPS.map((group) => (
                  <td key={group}>
                    <Words group={set[group]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function Words({ group }: { group: KeywordGroup }) {
  const text = useText()
  const languages = text.admin.templates.languages
  return (
    <dl className="keyword-words">
      {(['en', 'fr'] as const).map((language) => (
        <div key={language}>
          <dt>{languages[language]}</dt>
          <dd lang={language}>{group.words[language].join(', ')}</dd>
        </div>
      ))}
    </dl>
  )
}
