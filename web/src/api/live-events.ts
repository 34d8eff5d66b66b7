import type { LiveEvent } from './types.ts'

export interface LiveEvents {
  close(): void
}

/**
 * Follows GET /v1/events (the session cookie signs it in) and reconnects with backoff.
 * `onEvent` gets every stored change meant for this person; `onReconnect` tells the caller to
 * re-read what it shows, since events sent while disconnected are not replayed.
 * @example const live = followLiveEvents({ onEvent: refresh, onReconnect: refresh })
 */
export function followLiveEvents(handlers: {
  onEvent: (event: LiveEvent) => void
  onReconnect?: () => void
  onStateChange?: (connected: boolean) => void
}): LiveEvents {
  let socket: WebSocket | undefined
  let closed = false
  let delayMs = 500
  let connectedBefore = false
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/events`

  const connect = () => {
    socket = new WebSocket(url)
    socket.onopen = () => {
      delayMs = 500
      handlers.onStateChange?.(true)
      if (connectedBefore) handlers.onReconnect?.()
      connectedBefore = true
    }
    socket.onmessage = (message) => {
      if (typeof message.data === 'string') handlers.onEvent(JSON.parse(message.data) as LiveEvent)
    }
    socket.onclose = () => {
      handlers.onStateChange?.(false)
      if (closed) return
      setTimeout(connect, delayMs)
      delayMs = Math.min(delayMs * 2, 10_000)
    }
  }
  connect()
  return {
    close() {
      closed = true
      socket?.close()
    },
  }
}
