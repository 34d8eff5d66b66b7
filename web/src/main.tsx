import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './shell/app.tsx'
import { en } from './text/en.ts'
import { TextContext } from './text/use-text.ts'
import './styles.css'

const root = document.getElementById('root')
if (root)
  createRoot(root).render(
    <StrictMode>
      <TextContext.Provider value={en}>
        <App />
      </TextContext.Provider>
    </StrictMode>,
  )
