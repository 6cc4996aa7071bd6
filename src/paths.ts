/** Where downloaded files go: `output-path` is a file, or a directory that gets `<task-id>.mp4`. */
import { statSync } from 'node:fs'
import { dirname, basename, extname, isAbsolute, join, resolve } from 'node:path'

export function workspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd()
}

/** The video's absolute path. A directory is one that exists, or a path ending in `/`. */
export function videoPath(outputPath: string, taskId: string, root = workspace()): string {
  const abs = isAbsolute(outputPath) ? outputPath : resolve(root, outputPath)
  const isDir = /[\\/]$/.test(outputPath) || isDirectory(abs)
  return isDir ? join(abs, `${safeName(taskId)}.mp4`) : abs
}

/** The last frame beside the video: `clip.mp4` -> `clip.last-frame.png`. */
export function lastFramePath(video: string, extension = '.png'): string {
  return join(dirname(video), `${basename(video, extname(video))}.last-frame${extension}`)
}

/** Paths shown to the user: relative to the workspace when inside it. */
export function displayPath(abs: string, root = workspace()): string {
  const rootWithSep = root.endsWith('/') ? root : `${root}/`
  return abs.startsWith(rootWithSep) ? abs.slice(rootWithSep.length) : abs
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function safeName(id: string): string {
  return id.replace(/[^\w.-]/g, '_')
}
