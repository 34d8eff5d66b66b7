import { useText } from '../text/use-text.ts'
import { AppLink } from '../ui/app-link.tsx'
import { ADMIN_SECTIONS } from './admin-sections.tsx'

/** The administration sections as a list of links; the open one is marked current. */
export function AdminNav({ current }: { current: string | undefined }) {
  const text = useText()
  return (
    <nav className="admin-nav" aria-label={text.admin.nav.label}>
      <ul>
        {ADMIN_SECTIONS.map((section) => (
          <li key={section.path}>
            <AppLink to={section.path} current={section.path === current}>
              {section.label(text)}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
