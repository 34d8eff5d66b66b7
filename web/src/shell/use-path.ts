import { useEffect, useState } from 'react'

const listeners = new Set<(path: string) => void>()

/**
 * Moves to another screen without reloading (history API); the server answers every such path
 * with the app, so links and reloads work too.
 * @example navigate('/desk')
 */
export function navigate(path: string): void {
  if (path === location.pathname) return
  history.pushState(null, '', path)
  for (const listener of listeners) listener(path)
}

/** The current path, updated on navigate() and on the browser's back and forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname)
  useEffect(() => {
    const onPop = () => setPath(location.pathname)
    listeners.add(setPath)
    window.addEventListener('popstate', onPop)
    return () => {
      listeners.delete(setPath)
      window.removeEventListener('popstate', onPop)
    }
  }, [])
  return path
}
