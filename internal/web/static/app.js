// ward's only script, loaded as <script type="module" src="/static/app.js">.
// The CSP (script-src 'self') forbids inline scripts, so this file does what
// GOV.UK Frontend's usual inline snippet in <body> would do.
import { initAll } from './govuk-frontend.min.js'

// Module scripts are deferred, so document.body exists here. Imports are
// hoisted, but GOV.UK Frontend only checks these classes when initAll runs.
document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// <button type="button" data-ward-copy="ID"> copies the text of element #ID.
// Buttons that cannot work (no Clipboard API, e.g. plain http) are hidden.
for (const button of document.querySelectorAll('button[data-ward-copy]')) {
  if (!navigator.clipboard) {
    button.hidden = true
    continue
  }
  const label = button.textContent
  button.addEventListener('click', async () => {
    const source = document.getElementById(button.dataset.wardCopy)
    if (!source) return
    try {
      await navigator.clipboard.writeText(source.textContent.trim())
      button.textContent = 'Copied'
    } catch {
      button.textContent = 'Copy failed'
    }
    setTimeout(() => { button.textContent = label }, 2000)
  })
}
