export const id = 107;
export const ids = [107];
export const modules = {

/***/ 7107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DC: () => (/* binding */ hashFile),
/* harmony export */   Fh: () => (/* binding */ imageDimensions),
/* harmony export */   i5: () => (/* binding */ inspectVideo),
/* harmony export */   readHead: () => (/* binding */ readHead),
/* harmony export */   xU: () => (/* binding */ audioDuration)
/* harmony export */ });
/* unused harmony export streamOf */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * Reading facts out of media files: the first bytes, the sha256, image dimensions, video
 * duration and frame rate, audio duration. Every read goes through the one open, verified
 * handle (files.ts), never the path again. The parsers are loaded only when a file of their
 * kind is read.
 */


/** The first `max` bytes (positional reads: the handle is shared). */
async function readHead(file, max) {
    const buffer = Buffer.alloc(max);
    let length = 0;
    while (length < max) {
        const { bytesRead } = await file.read(buffer, length, max - length, length);
        if (bytesRead === 0)
            break;
        length += bytesRead;
    }
    return buffer.subarray(0, length);
}
/** The whole file from its start, as a stream that leaves the handle open. */
function streamOf(file, highWaterMark = 1024 * 1024) {
    return file.createReadStream({ start: 0, autoClose: false, emitClose: false, highWaterMark });
}
/** Streams the file once, handing each chunk to `onChunk`; returns the hex sha256. */
async function hashFile(file, onChunk) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    let offset = 0;
    for await (const chunk of streamOf(file)) {
        const b = chunk;
        hash.update(b);
        onChunk?.(b, offset);
        offset += b.length;
    }
    return hash.digest('hex');
}
async function imageDimensions(file, head, bytes) {
    const { imageSize } = await __webpack_require__.e(/* import() */ 13).then(__webpack_require__.bind(__webpack_require__, 2013));
    let size;
    try {
        size = imageSize(head);
    }
    catch (err) {
        // The size sits beyond the first 512 KB (a JPEG with large metadata, a TIFF whose
        // directory is at the end): read the whole file, which is under 30 MB.
        if (bytes <= head.length)
            throw err;
        size = imageSize(await readHead(file, bytes));
    }
    const { width, height } = size;
    if (!width || !height)
        throw new Error('no dimensions in its header');
    return { width, height };
}
/**
 * One pass over the file: every byte goes to the hash, and the bytes mp4box asks for (the
 * boxes up to `moov`; `mdat` is skipped) go to mp4box. If mp4box cannot tell the duration,
 * music-metadata reads it (it also sums fragmented MP4s).
 */
async function inspectVideo(file, size, mimeType) {
    // The full build: the lighter 'mp4box/simple' entry does not register the sample tables
    // (stts, stsz), so it cannot count frames.
    const { createFile, MP4BoxBuffer } = await __webpack_require__.e(/* import() */ 111).then(__webpack_require__.bind(__webpack_require__, 1111));
    const iso = createFile();
    let info;
    let parseError;
    let wanted = 0;
    iso.onReady = (i) => {
        info = i;
    };
    iso.onError = (module, message) => {
        parseError = `${module}: ${message}`;
    };
    const sha256 = await hashFile(file, (chunk, offset) => {
        const end = offset + chunk.length;
        if (info !== undefined || parseError !== undefined || end <= wanted)
            return;
        const from = Math.max(wanted, offset);
        const part = chunk.subarray(from - offset);
        try {
            // fromArrayBuffer copies (mp4box keeps what it is given) and records the file offset.
            wanted = iso.appendBuffer(MP4BoxBuffer.fromArrayBuffer(part.buffer.slice(part.byteOffset, part.byteOffset + part.length), from));
        }
        catch (err) {
            parseError = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err);
        }
    });
    const facts = { hasVideo: false, sha256 };
    if (info !== undefined) {
        const track = info.videoTracks[0];
        facts.hasVideo = track !== undefined;
        if (info.timescale > 0 && info.duration > 0)
            facts.durationSec = info.duration / info.timescale;
        else if (info.fragment_duration && info.fragment_duration.den > 0)
            facts.durationSec = info.fragment_duration.num / info.fragment_duration.den;
        if (track) {
            if (track.video)
                facts.width = track.video.width;
            if (track.video)
                facts.height = track.video.height;
            const ticks = track.samples_duration > 0 ? track.samples_duration : track.duration;
            if (track.nb_samples > 0 && ticks > 0 && track.timescale > 0)
                facts.fps = track.nb_samples / (ticks / track.timescale);
            if (facts.durationSec === undefined && track.duration > 0 && track.timescale > 0)
                facts.durationSec = track.duration / track.timescale;
        }
    }
    if (info === undefined || facts.durationSec === undefined) {
        const { parseBuffer, TrackType } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(20), __webpack_require__.e(258)]).then(__webpack_require__.bind(__webpack_require__, 9258));
        let format;
        try {
            // At most 50 MB (the size rule came first), read once from the open file.
            format = (await parseBuffer(await readHead(file, size), { size, mimeType }, { duration: true, skipCovers: true })).format;
        }
        catch (err) {
            throw new Error(parseError ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err));
        }
        const video = format.trackInfo.find((t) => t.type === TrackType.video);
        if (info === undefined)
            facts.hasVideo = video !== undefined;
        facts.durationSec ??= format.duration ?? video?.duration;
        facts.width ??= video?.video?.pixelWidth;
        facts.height ??= video?.video?.pixelHeight;
    }
    return facts;
}
async function audioDuration(file, size, mimeType) {
    const { parseBuffer } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(20), __webpack_require__.e(258)]).then(__webpack_require__.bind(__webpack_require__, 9258));
    // At most 15 MB (the size rule came first), read once from the open file.
    const { format } = await parseBuffer(await readHead(file, size), { size, mimeType }, { duration: true, skipCovers: true });
    return format.duration ?? format.trackInfo.find((t) => t.duration !== undefined)?.duration;
}


/***/ })

};
