import { useText } from '../text/use-text.ts'

/** Says that what follows is read from the configuration file and is changed there. */
export function ConfiguredIn() {
  const text = useText()
  return <p className="notice notice-info">{text.admin.configuredIn}</p>
}
