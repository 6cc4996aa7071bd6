/**
 * Media given as workspace files instead of URLs. Inputs may come from an issue body or a
 * pull request, so a path is trusted only when its real location (symlinks resolved) lies
 * inside the workspace or the runner's temp directory: the action must never read, let
 * alone upload, a runner's private files.
 */
import { constants } from 'node:fs'
import { open, realpath, stat, type FileHandle } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { InputError } from '../errors.js'

/** Schemes the API takes as media URLs. */
const MEDIA_SCHEMES = new Set(['https', 'http', 'asset', 'data'])
/** Schemes that are URLs even without `//` after the colon. */
const OPAQUE_SCHEMES = new Set([...MEDIA_SCHEMES, 'file', 'blob', 'javascript', 'mailto', 'urn', 'about'])

/** The URL scheme of `value` (lower case), or undefined for a path such as `docs/a.png` or `a b.png`. */
function schemeOf(value: string): string | undefined {
  // Two letters at least, so a drive letter (`C:\x`) is not a scheme.
  const m = /^([a-z][a-z0-9+.-]+):(\/\/)?/i.exec(value.trim())
  if (!m) return undefined
  const scheme = (m[1] as string).toLowerCase()
  return m[2] !== undefined || OPAQUE_SCHEMES.has(scheme) ? scheme : undefined
}

/** True for a workspace path; false for any URL (`https://`, `asset://`, `data:`, `ftp://`, `file:`...). */
export function isLocalReference(value: string): boolean {
  return schemeOf(value) === undefined
}

/**
 * The scheme of a URL the API cannot take (`ftp`, `file`, `s3`...), so the caller can refuse
 * it by name; undefined for paths and for https/http/asset/data URLs.
 */
export function unsupportedScheme(value: string): string | undefined {
  const scheme = schemeOf(value)
  return scheme !== undefined && !MEDIA_SCHEMES.has(scheme) ? scheme : undefined
}

export interface LocalRoots {
  /** `GITHUB_WORKSPACE`: relative paths start here. */
  workspace: string
  /** `RUNNER_TEMP`: files written by earlier steps may live here too. */
  runnerTemp?: string
}

/** `child` is `root` itself or below it (both absolute and normalised). */
export function isInside(child: string, root: string): boolean {
  const rel = relative(root, child)
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..')
}

export async function realRoot(root: string): Promise<string | undefined> {
  try {
    return await realpath(root)
  } catch {
    return undefined
  }
}

/** The roots a path may lie in: as given and as real paths (symbolic links resolved), and how a message names them. */
export interface Roots {
  /** The workspace, absolute: relative paths start here. */
  workspace: string
  /** Every root, as given and as its real path: a path is checked against these before the file system is touched. */
  lexical: string[]
  /** The roots' real paths: where a path must lie once its links are resolved. */
  real: string[]
  /** `the workspace`, or `the workspace or the runner temp directory`. */
  text: string
}

export async function resolveRoots(roots: LocalRoots): Promise<Roots> {
  const workspace = resolve(roots.workspace)
  const temp = roots.runnerTemp ? resolve(roots.runnerTemp) : undefined
  const realWorkspace = await realRoot(workspace)
  const realTemp = temp ? await realRoot(temp) : undefined
  const defined = (r: string | undefined): r is string => r !== undefined
  return {
    workspace,
    lexical: [workspace, temp, realWorkspace, realTemp].filter(defined),
    real: [realWorkspace, realTemp].filter(defined),
    text: temp ? 'the workspace or the runner temp directory' : 'the workspace'
  }
}

/**
 * The real absolute path of the file `path` names (relative to the workspace), after
 * checking that it stays inside the workspace or runner temp, is not under `.git`, and is
 * a regular file. `label` is the input's name, used in every error.
 */
export async function resolveLocalFile(path: string, roots: LocalRoots, label: string): Promise<string> {
  const where = `Input \`${label}\`: ${path}`
  if (path.trim() === '') throw new InputError(`Input \`${label}\` has an empty file path.`)
  if (path.includes('\0')) throw new InputError(`${where} is not a valid file path.`)
  const { workspace, lexical, real: realRoots, text } = await resolveRoots(roots)
  const outside = `${where} resolves outside ${text}; only files inside ${text} can be used as media.`

  // Refuse before touching the file system, so the answer says nothing about files outside.
  const abs = isAbsolute(path) ? resolve(path) : resolve(workspace, path)
  if (!lexical.some((root) => isInside(abs, root))) throw new InputError(outside)

  let real: string
  try {
    real = await realpath(abs)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new InputError(`${where} does not exist (paths are relative to the workspace, ${workspace}).`)
    }
    if (code === 'ELOOP') throw new InputError(`${where} is a symbolic link that loops.`)
    if (code === 'EACCES') throw new InputError(`${where} cannot be read (permission denied).`)
    throw new InputError(`${where} cannot be read (${code ?? (err as Error).message}).`)
  }
  const root = realRoots.find((r) => isInside(real, r))
  if (root === undefined) throw new InputError(outside)
  if (relative(root, real).split(sep).includes('.git')) {
    throw new InputError(`${where} is inside a .git directory, which is never used as media.`)
  }

  const info = await stat(real).catch(() => {
    throw new InputError(`${where} changed while it was being checked (it is gone now); it was not used.`)
  })
  if (info.isDirectory()) throw new InputError(`${where} is a directory, not a file.`)
  if (!info.isFile()) throw new InputError(`${where} is not a regular file (a device, socket or pipe).`)
  return real
}

/** A checked file, open: every later read goes through `handle`, never through the path. */
export interface OpenFile {
  /** The real path that was checked. */
  path: string
  handle: FileHandle
}

/**
 * Resolves and checks `path` (see resolveLocalFile), then opens it and verifies that the
 * file opened is the file checked: a path swapped for a symlink to a file outside the
 * workspace between the check and the open is refused. The caller closes the handle.
 */
export async function openLocalFile(path: string, roots: LocalRoots, label: string): Promise<OpenFile> {
  const real = await resolveLocalFile(path, roots, label)
  const changed = new InputError(`Input \`${label}\`: ${path} changed while it was being checked; it was not used.`)
  let handle: FileHandle
  try {
    // O_NOFOLLOW: the last component must not have become a symlink since the check.
    handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ELOOP' || code === 'ENOENT') throw changed
    throw new InputError(`Input \`${label}\`: ${path} cannot be read (${code ?? (err as Error).message}).`)
  }
  try {
    const opened = await handle.stat()
    const again = await realpath(real).catch(() => undefined)
    const now = again === undefined ? undefined : await stat(again).catch(() => undefined)
    if (!opened.isFile() || again !== real || !now || now.dev !== opened.dev || now.ino !== opened.ino) throw changed
    return { path: real, handle }
  } catch (err) {
    await handle.close()
    throw err
  }
}
