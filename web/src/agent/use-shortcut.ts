import { useEffect, useRef } from 'react'

/**
 * Runs `action` when Alt and the given key are pressed anywhere on the page. Matches the
 * physical key (`code`), so Alt+A works on layouts where Alt types another character (macOS).
 * @example useShortcut('KeyA', acceptOffer)
 */
export function useShortcut(code: string, action: () => void): void {
  const latest = useRef(action)
  latest.current = action
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== code) return
      event.preventDefault()
      latest.current()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [code])
}
