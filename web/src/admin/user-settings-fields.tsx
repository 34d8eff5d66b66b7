import { format, useText } from '../text/use-text.ts'
import type { Role } from '../api/types.ts'
import type { RoutingConfig } from './admin-types.ts'

/** What an administrator sets on a user besides their username and password. */
export interface UserSettings {
  displayName: string
  role: Role
  queues: string[]
  skills: Record<string, number>
  capacity: number
}

const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin']
const LEVELS = [1, 2, 3, 4, 5] as const

/** Display name, role, queues (check boxes), skill proficiencies (1–5 or none) and capacity. */
export function UserSettingsFields({
  value,
  onChange,
  options,
}: {
  value: UserSettings
  onChange: (next: UserSettings) => void
  options: Pick<RoutingConfig, 'queues' | 'skills'>
}) {
  const text = useText()
  const t = text.admin.users
  const set = <K extends keyof UserSettings>(key: K, v: UserSettings[K]) =>
    onChange({ ...value, [key]: v })
  const toggleQueue = (id: string, on: boolean) =>
    set('queues', on ? [...value.queues, id] : value.queues.filter((q) => q !== id))
  const setSkill = (id: string, level: string) => {
    const others = Object.entries(value.skills).filter(([skill]) => skill !== id)
    set('skills', Object.fromEntries(level === '' ? others : [...others, [id, Number(level)]]))
  }
  return (
    <>
      <div className="row">
        <label className="field">
          <span>{t.fields.displayName}</span>
          <input
            required
            value={value.displayName}
            onChange={(e) => set('displayName', e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t.fields.role}</span>
          <select value={value.role} onChange={(e) => set('role', e.target.value as Role)}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {text.roles[role]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.fields.capacity}</span>
          <input
            type="number"
            min={1}
            max={100}
            required
            value={value.capacity}
            onChange={(e) => set('capacity', Number(e.target.value))}
          />
        </label>
      </div>
      <fieldset className="choice-group choice-row">
        <legend>{t.fields.queues}</legend>
        {options.queues.map((q) => (
          <label key={q.id} className="choice">
            <input
              type="checkbox"
              checked={value.queues.includes(q.id)}
              onChange={(e) => toggleQueue(q.id, e.target.checked)}
            />
            {q.name} <code className="small">{q.id}</code>
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t.fields.skills}</legend>
        <div className="skill-grid">
          {options.skills.map((skill) => (
            <label key={skill.id} className="field">
              <span>{format(t.fields.proficiency, { skill: skill.name })}</span>
              <select
                value={value.skills[skill.id] ?? ''}
                onChange={(e) => setSkill(skill.id, e.target.value)}
              >
                <option value="">{t.fields.noSkill}</option>
                {LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {level}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </fieldset>
    </>
  )
}
