/**
 * Comments name only what exists: a maintainer reading src/, emulator/ or scripts/ has the
 * repository and nothing else, so no comment points to a design document outside it, to an
 * issue tracker's number, or to a source file that was renamed or removed. Facts about
 * PowerTokens' API are cited as docs/powertokens-api.md, which is in the repository.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, join, relative, sep } from 'node:path'
import ts from 'typescript'

const root = process.cwd()
const SCANNED = ['src', 'emulator', 'scripts']
const SKIP = new Set(['node_modules', '.git', 'dist', 'coverage', '.demo', '.local-action'])

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path, out)
    else out.push(path)
  }
  return out
}

/** Every file of the repository (no node_modules, no build output), as paths from its root. */
const repoFiles = walk(root).map((p) => relative(root, p))
const repoNames = new Set(repoFiles.map((p) => basename(p)))
const sources = SCANNED.flatMap((d) => walk(join(root, d))).filter((p) => /\.(ts|mts|mjs|js)$/.test(p))

/** The text of every comment in a TypeScript or JavaScript file, with its line. */
function comments(path: string, text: string): { line: number; text: string }[] {
  const kind = /\.(mjs|js)$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind)
  const seen = new Map<number, { line: number; text: string }>()
  const add = (ranges: readonly ts.CommentRange[] | undefined): void => {
    for (const r of ranges ?? []) {
      if (!seen.has(r.pos)) seen.set(r.pos, { line: file.getLineAndCharacterOfPosition(r.pos).line + 1, text: text.slice(r.pos, r.end) })
    }
  }
  const visit = (node: ts.Node): void => {
    add(ts.getLeadingCommentRanges(text, node.getFullStart()))
    add(ts.getTrailingCommentRanges(text, node.getEnd()))
    ts.forEachChild(node, visit)
  }
  add(ts.getLeadingCommentRanges(text, 0))
  visit(file)
  add(ts.getLeadingCommentRanges(text, file.endOfFileToken.getFullStart()))
  return [...seen.values()].sort((a, b) => a.line - b.line)
}

/** Source file names a comment mentions (`powertokens-failures.ts`, `src/step/main.ts`, `./http.mjs`). */
function namedFiles(comment: string): string[] {
  return [...comment.matchAll(/(?<![\w@/.-])((?:\.{1,2}\/)?(?:[\w.-]+\/)*[\w-]+(?:\.[\w-]+)*\.(?:ts|mts|mjs))\b(?![\w-]|\.\w)/g)].map((m) => m[1]!)
}

/** Whether a name in a comment of `from` is a file of the repository (`./x.mjs` beside `from`). */
function exists(name: string, from: string): boolean {
  if (!name.includes('/')) return repoNames.has(name)
  if (name.startsWith('.')) return existsSync(join(dirname(from), name))
  // `src/step/main.ts`, or the tail of one (`step/main.ts` in a comment under src/).
  return repoFiles.some((f) => f.split(sep).join('/') === name || f.split(sep).join('/').endsWith(`/${name}`))
}

describe('comments in src/, emulator/ and scripts/', () => {
  it('finds the comments of a file, and the file names in them', () => {
    const text = "// see a.ts\nconst x = '// not a comment, b.ts' /* c/d.mjs */\n/** e.mts */\nexport { x }\n"
    const found = comments('x.ts', text)
    expect(found.map((c) => c.line)).toEqual([1, 2, 3])
    expect(found.flatMap((c) => namedFiles(c.text))).toEqual(['a.ts', 'c/d.mjs', 'e.mts'])
    expect(namedFiles('the bundle (dist/index.js), @types/node.d.ts, www.example.ts.net')).toEqual([])
  })

  it('scans every source file there', () => {
    expect(sources.length).toBeGreaterThan(50)
    expect(sources.some((p) => p.endsWith(join('src', 'api', 'task.ts')))).toBe(true)
  })

  it('never cites DESIGN.md or an issue number (what `grep -rn "DESIGN.md\\|issue [0-9]"` finds)', () => {
    const found: string[] = []
    for (const path of sources) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/DESIGN.md|issue [0-9]/.test(line)) found.push(`${relative(root, path)}:${i + 1}: ${line.trim()}`)
        })
    }
    expect(found).toEqual([])
  })

  it('names only *.ts, *.mts and *.mjs files that exist in the repository', () => {
    const missing: string[] = []
    for (const path of sources) {
      for (const c of comments(path, readFileSync(path, 'utf8'))) {
        for (const name of namedFiles(c.text)) if (!exists(name, path)) missing.push(`${relative(root, path)}:${c.line}: ${name}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('cites docs/powertokens-api.md, and that page exists', () => {
    expect(existsSync(join(root, 'docs', 'powertokens-api.md'))).toBe(true)
    const citing = sources.filter((p) => readFileSync(p, 'utf8').includes('docs/powertokens-api.md'))
    expect(citing.map((p) => relative(root, p)).sort()).toEqual(
      expect.arrayContaining([join('src', 'api', 'task.ts'), join('src', 'video', 'estimate.ts'), join('emulator', 'usage.mjs')])
    )
  })
})
