import type { ReactNode } from 'react'
import type { Messages } from '../text/en.ts'
import { ApiKeysSection } from './api-keys-section.tsx'
import { ConsentsSection } from './consents-section.tsx'
import { RoutingSection } from './routing-section.tsx'
import { RulesSection } from './rules-section.tsx'
import { TemplatesSection } from './templates-section.tsx'
import { TrunksSection } from './trunks-section.tsx'
import { UsersSection } from './users-section.tsx'

export interface AdminSection {
  /** The section's path; anything after it (`/admin/templates/case_update`) is `rest`. */
  path: string
  label: (text: Messages) => string
  render: (rest: string) => ReactNode
}

/** The administration sections, in sub-navigation order; /admin opens the first. */
export const ADMIN_SECTIONS: readonly AdminSection[] = [
  {
    path: '/admin/templates',
    label: (t) => t.admin.nav.templates,
    render: (rest) => <TemplatesSection rest={rest} />,
  },
  {
    path: '/admin/trunks',
    label: (t) => t.admin.nav.trunks,
    render: () => <TrunksSection />,
  },
  {
    path: '/admin/routing',
    label: (t) => t.admin.nav.routing,
    render: () => <RoutingSection />,
  },
  { path: '/admin/rules', label: (t) => t.admin.nav.rules, render: () => <RulesSection /> },
  { path: '/admin/users', label: (t) => t.admin.nav.users, render: () => <UsersSection /> },
  {
    path: '/admin/consents',
    label: (t) => t.admin.nav.consents,
    render: () => <ConsentsSection />,
  },
  {
    path: '/admin/api-keys',
    label: (t) => t.admin.nav.apiKeys,
    render: () => <ApiKeysSection />,
  },
]

/**
 * The section a path belongs to and the rest of the path after it; /admin itself opens the
 * first section.
 * @example sectionFor('/admin/templates/case_update') // { section: templates, rest: 'case_update' }
 */
export function sectionFor(path: string): { section: AdminSection; rest: string } | undefined {
  const first = ADMIN_SECTIONS[0]
  if ((path === '/admin' || path === '/admin/') && first) return { section: first, rest: '' }
  for (const section of ADMIN_SECTIONS) {
    if (path === section.path) return { section, rest: '' }
    if (path.startsWith(section.path + '/'))
      return { section, rest: decodeURIComponent(path.slice(section.path.length + 1)) }
  }
  return undefined
}
