/** Where downloaded files go: `output-path` is a file, or a folder that gets `<task-id>.mp4` (`<name>.mp4` in a batch). */
import { constants, statSync } from 'node:fs'
import { access, lstat, realpath, stat } from 'node:fs/promises'
import { dirname, basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { InputError } from '../errors.js'
import { safeFileName } from '../format.js'
import { isInside, resolveRoots, type LocalRoots } from '../media/files.js'

/** `output-path`, decided once (`outputTarget`): a folder that gets one file per video, or the video's file. Paths absolute. */
export type OutputTarget = { kind: 'folder'; path: string } | { kind: 'file'; path: string }

export const BATCH_OUTPUT_IS_A_FOLDER = 'Input `output-path` must be a folder with `batch` (each video is saved as `<name>.mp4` in it), not a file name.'

/**
 * Whether `output-path` is a folder or a file, decided here and nowhere else. With `batch` it is
 * a folder (a name ending in .mp4 or .mov is refused: the user meant one file); otherwise a
 * folder when it ends in `/` or is an existing folder, else the video's file.
 */
export function outputTarget(outputPath: string, root: string, batch: boolean): OutputTarget {
  const path = isAbsolute(outputPath) ? outputPath : resolve(root, outputPath)
  if (batch) {
    if (/\.(mp4|mov)$/i.test(outputPath)) throw new InputError(BATCH_OUTPUT_IS_A_FOLDER)
    return { kind: 'folder', path }
  }
  return { kind: /[\\/]$/.test(outputPath) || isDirectory(path) ? 'folder' : 'file', path }
}

/** The video's absolute path: the target's file, or `<name>.mp4` in its folder. */
export function videoPath(target: OutputTarget, name: string): string {
  return target.kind === 'folder' ? join(target.path, `${safeFileName(name)}.mp4`) : target.path
}

/** The last frame beside the video: `clip.mp4` -> `clip.last-frame.png`. */
export function lastFramePath(video: string, extension = '.png'): string {
  return join(dirname(video), `${basename(video, extname(video))}.last-frame${extension}`)
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

export { safeFileName }

/**
 * Checks, before anything is submitted, that `output-path` writes inside the workspace or
 * the runner temp directory, and not into a `.git` directory. Symbolic links are followed:
 * the nearest part of the path that exists is resolved to its real location, and the
 * parts still to be created are added to it. Returns the real absolute path.
 */
export async function checkOutputPath(outputPath: string, kind: OutputTarget['kind'], roots: LocalRoots, label = 'output-path'): Promise<string> {
  const where = `Input \`${label}\`: ${outputPath}`
  if (outputPath.includes('\0')) throw new InputError(`${where} is not a valid file path.`)
  const { workspace, lexical, real: realRoots, text } = await resolveRoots(roots)
  const outside = `${where} resolves outside ${text}; the video can only be saved inside ${text}.`

  const abs = isAbsolute(outputPath) ? resolve(outputPath) : resolve(workspace, outputPath)
  if (!lexical.some((root) => isInside(abs, root))) throw new InputError(outside)

  // Walk up to the nearest part that exists; a symbolic link there is resolved, and a
  // dangling one (which a write would follow) is refused.
  let existing = abs
  const rest: string[] = []
  for (;;) {
    try {
      await lstat(existing)
    } catch {
      const parent = dirname(existing)
      if (parent === existing) throw new InputError(outside)
      rest.unshift(basename(existing))
      existing = parent
      continue
    }
    let real: string
    try {
      real = await realpath(existing)
    } catch {
      throw new InputError(`${where} goes through a symbolic link that points nowhere (${existing}).`)
    }
    const full = rest.length > 0 ? join(real, ...rest) : real
    const root = realRoots.find((r) => isInside(full, r))
    if (root === undefined) throw new InputError(outside)
    if (
      relative(root, full)
        .split(sep)
        .some((part) => part.toLowerCase() === '.git')
    ) {
      throw new InputError(`${where} is inside a .git directory, where the action never writes.`)
    }
    await checkWritable(where, kind, real, rest, full)
    return full
  }
}

/** The longest file name (in bytes) the usual file systems allow (ext4, APFS, NTFS in UTF-16 units). */
export const MAX_FILE_NAME_BYTES = 255

/**
 * What can be known before paying: every name in the path fits the file system (the last
 * frame's `<name>.last-frame.png` too), the folders to be created can be (no file stands in
 * their way), and the folder the video goes to can be written.
 */
async function checkWritable(where: string, kind: OutputTarget['kind'], existing: string, rest: readonly string[], full: string): Promise<void> {
  const names = rest.map((name) => ({ name, what: (shown: string) => `the name "${shown}"` }))
  if (kind === 'file') names.push({ name: basename(lastFramePath(full)), what: (shown) => `the name of the last frame saved beside it, "${shown}",` })
  for (const { name, what } of names) {
    const bytes = Buffer.byteLength(name)
    if (bytes > MAX_FILE_NAME_BYTES) {
      const shown = name.length > 40 ? `${name.slice(0, 20)}...${name.slice(-17)}` : name
      throw new InputError(`${where}: ${what(shown)} is ${bytes} bytes long, more than the ${MAX_FILE_NAME_BYTES} a file system allows; choose a shorter name.`)
    }
  }
  const info = await stat(existing)
  // The folder that will hold the video: the nearest part that exists, unless that is the video file itself.
  const folder = rest.length === 0 && !info.isDirectory() ? dirname(existing) : existing
  if (rest.length > 0 && !info.isDirectory()) {
    throw new InputError(`${where} cannot be created: ${existing} is a file, not a folder.`)
  }
  try {
    await access(folder, constants.W_OK | constants.X_OK)
  } catch {
    throw new InputError(`${where} cannot be written: the folder ${folder} is not writable.`)
  }
}
