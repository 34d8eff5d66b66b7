import { usePath } from '../shell/use-path.ts'
import { useText } from '../text/use-text.ts'
import { AdminNav } from './admin-nav.tsx'
import { sectionFor } from './admin-sections.tsx'
import './admin.css'

/** Administration: a sub-navigation and the section the path names (/admin/templates, …). */
export function AdminPage() {
  const text = useText()
  const path = usePath()
  const found = sectionFor(path)
  return (
    <div className="admin">
      <AdminNav current={found?.section.path} />
      <div className="admin-body">
        {found ? (
          <section aria-label={found.section.label(text)} key={found.section.path}>
            {found.section.render(found.rest)}
          </section>
        ) : (
          <p>{text.shell.notFound}</p>
        )}
      </div>
    </div>
  )
}
