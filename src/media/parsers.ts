/**
 * The media parsers, loaded together and only when a media file is read (readers.ts,
 * inspect.ts): as one chunk on demand they save a dry run and a plain submit about 90 ms on
 * Node 24 (CONTRIBUTING, "Start-up"), which no run that names no file should pay.
 */
export { fileTypeFromBuffer } from 'file-type'
export { imageSize } from 'image-size'
// The full build: the lighter 'mp4box/simple' entry does not register the sample tables
// (stts, stsz), so it cannot count frames.
export { createFile, MP4BoxBuffer } from 'mp4box'
export { parseBuffer } from 'music-metadata'
